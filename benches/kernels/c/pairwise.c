/* Kernel (C): pairwise distances, same computation as ../pairwise.py. */
#include "pyrepr.h"

static volatile long n_param = 400;
#define D 3

static double kernel(const double *x, long n) {
    double *d = malloc(n * n * sizeof *d);
    for (long i = 0; i < n; i++)
        for (long j = 0; j < n; j++) {
            double s = 0.0;
            for (long k = 0; k < D; k++) {
                double t = x[i * D + k] - x[j * D + k];
                s += t * t;
            }
            d[i * n + j] = sqrt(s);
        }
    double total = 0.0;
    for (long i = 0; i < n * n; i++) total += d[i];
    free(d);
    return total;
}

int main(void) {
    long n = n_param;
    double *x = malloc(n * D * sizeof *x);
    for (long i = 0; i < n * D; i++) {
        /* numpy's float % (Python's modulo); positive here, so fmod */
        x[i] = fmod((double)i * 0.37, 11.0);
    }
    kernel(x, n);
    double t0 = now_seconds();
    double result = kernel(x, n);
    double t1 = now_seconds();
    char buf[64];
    py_repr_double(result, buf, sizeof buf);
    printf("result: %s\n", buf);
    print_time(t1 - t0);
    return 0;
}
