/* Kernel (C): spectral norm, same computation as ../spectral_norm.py. */
#include "pyrepr.h"

static volatile long n_param = 250;

static double eval_a(long i, long j) { return 1.0 / (double)((i + j) * (i + j + 1) / 2 + i + 1); }

static void a_times_u(const double *u, double *out, long n) {
    for (long i = 0; i < n; i++) {
        double s = 0.0;
        for (long j = 0; j < n; j++) s += eval_a(i, j) * u[j];
        out[i] = s;
    }
}

static void at_times_u(const double *u, double *out, long n) {
    for (long i = 0; i < n; i++) {
        double s = 0.0;
        for (long j = 0; j < n; j++) s += eval_a(j, i) * u[j];
        out[i] = s;
    }
}

static double kernel(long n) {
    double *u = malloc(n * sizeof *u), *v = malloc(n * sizeof *v), *tmp = malloc(n * sizeof *tmp);
    for (long i = 0; i < n; i++) u[i] = 1.0, v[i] = 0.0, tmp[i] = 0.0;
    for (int k = 0; k < 10; k++) {
        a_times_u(u, tmp, n);
        at_times_u(tmp, v, n);
        a_times_u(v, tmp, n);
        at_times_u(tmp, u, n);
    }
    double vbv = 0.0, vv = 0.0;
    for (long i = 0; i < n; i++) vbv += u[i] * v[i], vv += v[i] * v[i];
    free(u), free(v), free(tmp);
    return sqrt(vbv / vv);
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
