/* Kernel (C): naive matrix multiply, same computation as ../matmul_lists.py. */
#include "pyrepr.h"

static volatile long n_param = 120;

static double kernel(const double *x, const double *y, long n) {
    double *out = calloc(n * n, sizeof *out);
    for (long i = 0; i < n; i++)
        for (long j = 0; j < n; j++) {
            double s = 0.0;
            for (long k = 0; k < n; k++) s += x[i * n + k] * y[k * n + j];
            out[i * n + j] = s;
        }
    double total = 0.0;
    for (long i = 0; i < n * n; i++) total += out[i];
    free(out);
    return total;
}

int main(void) {
    long n = n_param;
    double *x = malloc(n * n * sizeof *x), *y = malloc(n * n * sizeof *y);
    for (long i = 0; i < n; i++)
        for (long j = 0; j < n; j++) {
            x[i * n + j] = (double)((i * 3 + j * 5) % 7);
            y[i * n + j] = (double)((i * 2 + j * 7) % 7);
        }
    kernel(x, y, n);
    double t0 = now_seconds();
    double result = kernel(x, y, n);
    double t1 = now_seconds();
    char buf[64];
    py_repr_double(result, buf, sizeof buf);
    printf("result: %s\n", buf);
    print_time(t1 - t0);
    return 0;
}
