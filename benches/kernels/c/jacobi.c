/* Kernel (C): 2-d Jacobi stencil, same computation as ../jacobi.py. */
#include "pyrepr.h"

static volatile long n_param = 300;
static volatile long steps_param = 20;

static double kernel(long n, long steps) {
    double *u = calloc(n * n, sizeof *u), *v;
    for (long j = 0; j < n; j++) u[j] = 1.0;
    for (long i = 0; i < n; i++) u[i * n] = 2.0;
    v = malloc(n * n * sizeof *v);
    for (long k = 0; k < n * n; k++) v[k] = u[k];
    for (long s = 0; s < steps; s++) {
        for (long i = 1; i < n - 1; i++)
            for (long j = 1; j < n - 1; j++)
                v[i * n + j] = 0.25 * (u[(i - 1) * n + j] + u[(i + 1) * n + j] + u[i * n + j - 1] + u[i * n + j + 1]);
        double *t = u; u = v; v = t;
    }
    double sum = 0.0;
    for (long i = 0; i < n; i++)
        for (long j = 0; j < n; j++) sum += u[i * n + j] * (double)(i + 1);
    free(u);
    free(v);
    return sum;
}

int main(void) {
    kernel(n_param, steps_param);
    double t0 = now_seconds();
    double result = kernel(n_param, steps_param);
    double t1 = now_seconds();
    char buf[64];
    py_repr_double(result, buf, sizeof buf);
    printf("result: %s\n", buf);
    print_time(t1 - t0);
    return 0;
}
