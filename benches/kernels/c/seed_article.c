/* Kernel (C): the seed article's first function, same computation as
 * ../seed_article.py: a 1x100 row times a 100x1 column, then pow and exp. */
#include "pyrepr.h"

static volatile long n_param = 20000;

static double kernel(long n) {
    double b[100], a[100];
    for (int k = 0; k < 100; k++) b[k] = 0.5;
    double total = 0.0;
    for (long i = 0; i < n; i++) {
        for (int k = 0; k < 100; k++) a[k] = (double)(i % 7);
        double c = 0.0;
        for (int k = 0; k < 100; k++) c += a[k] * b[k];
        total += pow(c, 1.5) * exp(-c / 100.0);
    }
    return total;
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
