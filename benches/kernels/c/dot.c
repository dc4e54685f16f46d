/* Kernel (C): dot product as an index loop, same computation as ../dot.py. */
#include "pyrepr.h"

static volatile long n_param = 5000000;

static double kernel(const double *x, const double *y, long n) {
    double s = 0.0;
    for (long i = 0; i < n; i++) s += x[i] * y[i];
    return s;
}

int main(void) {
    long n = n_param;
    double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
    for (long i = 0; i < n; i++) {
        a[i] = (double)i * 1e-3;
        b[i] = 0.5 + (double)(i % 7);
    }
    kernel(a, b, n);
    double t0 = now_seconds();
    double result = kernel(a, b, n);
    double t1 = now_seconds();
    char buf[64];
    py_repr_double(result, buf, sizeof buf);
    printf("result: %s\n", buf);
    print_time(t1 - t0);
    return 0;
}
