/* Kernel (C): elementwise transform with libm calls, same computation as ../transform.py. */
#include "pyrepr.h"

static volatile long n_param = 2000000;

static double kernel(const double *a, long n) {
    double *out = malloc(n * sizeof *out);
    for (long i = 0; i < n; i++) {
        double x = a[i];
        out[i] = exp(-x * 0.1) * sin(x) + sqrt(x + 1.0);
    }
    double s = 0.0;
    for (long i = 0; i < n; i++) s += out[i];
    free(out);
    return s;
}

int main(void) {
    long n = n_param;
    double *a = malloc(n * sizeof *a);
    double step = 10.0 / (double)(n - 1); /* np.linspace(0.0, 10.0, n) */
    for (long i = 0; i < n; i++) a[i] = (double)i * step + 0.0;
    a[n - 1] = 10.0;
    kernel(a, n);
    double t0 = now_seconds();
    double result = kernel(a, n);
    double t1 = now_seconds();
    char buf[64];
    py_repr_double(result, buf, sizeof buf);
    printf("result: %s\n", buf);
    print_time(t1 - t0);
    return 0;
}
