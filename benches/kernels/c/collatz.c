/* Kernel (C): total Collatz steps below N, same computation as ../collatz.py. */
#include "pyrepr.h"

static volatile long n_param = 100000;

static long kernel(long limit) {
    long total = 0;
    for (long start = 1; start < limit; start++) {
        long n = start;
        while (n != 1) {
            if (n % 2 == 0)
                n = n / 2;
            else
                n = 3 * n + 1;
            total++;
        }
    }
    return total;
}

int main(void) {
    kernel(n_param);
    double t0 = now_seconds();
    long result = kernel(n_param);
    double t1 = now_seconds();
    printf("result: %ld\n", result);
    print_time(t1 - t0);
    return 0;
}
