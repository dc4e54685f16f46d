/* Kernel (C): float accumulation loop, same computation as ../float_sum.py. */
#include "pyrepr.h"

/* Read through a volatile so the compiler cannot fold or merge the two runs. */
static volatile long n_param = 20000000;

static double kernel(long n) {
    double s = 0.0;
    for (long i = 0; i < n; i++) s += (double)i * 0.1;
    return s;
}

int main(void) {
    kernel(n_param);
    double t0 = now_seconds();
    double result = kernel(n_param);
    double t1 = now_seconds();
    char buf[64];
    py_repr_double(result, buf, sizeof buf);
    printf("result: %s\n", buf);
    print_time(t1 - t0);
    return 0;
}
