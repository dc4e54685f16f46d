/* Kernel (C): recursive fib, same computation as ../fib.py. */
#include "pyrepr.h"

static volatile long n_param = 34;

static long fib(long n) {
    if (n < 2) return n;
    return fib(n - 1) + fib(n - 2);
}

int main(void) {
    fib(n_param);
    double t0 = now_seconds();
    long result = fib(n_param);
    double t1 = now_seconds();
    printf("result: %ld\n", result);
    print_time(t1 - t0);
    return 0;
}
