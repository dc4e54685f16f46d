/* Kernel (C): sieve of Eratosthenes on a byte array, same computation as ../sieve.py. */
#include "pyrepr.h"

static volatile long n_param = 2000000;

static long kernel(long n) {
    char *flags = malloc(n + 1);
    memset(flags, 1, n + 1);
    flags[0] = flags[1] = 0;
    for (long i = 2; i * i <= n; i++)
        if (flags[i])
            for (long j = i * i; j <= n; j += i) flags[j] = 0;
    long count = 0;
    for (long k = 0; k <= n; k++) count += flags[k];
    free(flags);
    return count;
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
