/* Kernel (C): a loop calling a small helper function, same computation as ../helper_call.py. */
#include "pyrepr.h"

static volatile long n_param = 10000000;

static long helper(long x, long y) { return x * y + 1; }

static long kernel(long n) {
    long s = 0;
    for (long i = 0; i < n; i++) s += helper(i % 1000, 3);
    return s;
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
