/* Kernel (C): mandelbrot escape counts, same computation as ../mandelbrot.py. */
#include "pyrepr.h"

static volatile long w_param = 500, h_param = 500, max_iter_param = 100;

static long kernel(long w, long h, long max_iter) {
    long total = 0;
    for (long py = 0; py < h; py++) {
        double y0 = (double)py / (double)h * 2.0 - 1.0;
        for (long px = 0; px < w; px++) {
            double x0 = (double)px / (double)w * 3.0 - 2.0;
            double x = 0.0, y = 0.0;
            long it = 0;
            while (it < max_iter) {
                double x2 = x * x;
                double y2 = y * y;
                if (x2 + y2 > 4.0) break;
                y = 2.0 * x * y + y0;
                x = x2 - y2 + x0;
                it++;
            }
            total += it;
        }
    }
    return total;
}

int main(void) {
    kernel(w_param, h_param, max_iter_param);
    double t0 = now_seconds();
    long result = kernel(w_param, h_param, max_iter_param);
    double t1 = now_seconds();
    printf("result: %ld\n", result);
    print_time(t1 - t0);
    return 0;
}
