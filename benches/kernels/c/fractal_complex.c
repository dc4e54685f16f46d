/* Kernel (C): the escape-time fractal, same computation as ../fractal_complex.py
   (Python's complex product and sum written out on doubles). */
#include "pyrepr.h"

static volatile long w_param = 300, h_param = 200, iters_param = 50;

static long mandel(double x, double y, long max_iters) {
    double zr = 0.0, zi = 0.0;
    for (long i = 0; i < max_iters; i++) {
        double r = zr * zr - zi * zi, im = zr * zi + zi * zr;
        zr = r + x;
        zi = im + y;
        if (zr * zr + zi * zi >= 4) return i;
    }
    return 255;
}

static long kernel(long w, long h, long iters) {
    unsigned char *image = calloc(w * h, 1);
    double px_x = (1.0 - -2.0) / (double)w, px_y = (1.0 - -1.0) / (double)h;
    for (long x = 0; x < w; x++) {
        double real = -2.0 + x * px_x;
        for (long y = 0; y < h; y++) {
            double imag = -1.0 + y * px_y;
            image[y * w + x] = (unsigned char)mandel(real, imag, iters);
        }
    }
    long total = 0;
    for (long k = 0; k < w * h; k++) total += image[k];
    free(image);
    return total;
}

int main(void) {
    kernel(w_param, h_param, iters_param);
    double t0 = now_seconds();
    long result = kernel(w_param, h_param, iters_param);
    double t1 = now_seconds();
    printf("result: %ld\n", result);
    print_time(t1 - t0);
    return 0;
}
