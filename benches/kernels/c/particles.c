/* Kernel (C): the particle simulation of ../particles.py on an array of structs. */
#include "pyrepr.h"

typedef struct { double x, y, vx, vy; } Particle;
static volatile long n_param = 200, steps_param = 500;

static double kernel(long n, long steps) {
    Particle *ps = malloc(n * sizeof *ps);
    for (long i = 0; i < n; i++)
        ps[i] = (Particle){fmod(i * 0.1, 10.0), fmod(i * 0.37, 10.0), sin((double)i), cos((double)i)};
    for (long s = 0; s < steps; s++)
        for (long i = 0; i < n; i++) {
            Particle *p = &ps[i];
            p->x += 0.01 * p->vx;
            p->y += 0.01 * p->vy;
            if (p->x < 0.0 || p->x > 10.0) p->vx = -p->vx;
            if (p->y < 0.0 || p->y > 10.0) p->vy = -p->vy;
        }
    double e = 0.0;
    for (long i = 0; i < n; i++)
        e += ps[i].x + 2.0 * ps[i].y + 0.5 * (ps[i].vx * ps[i].vx + ps[i].vy * ps[i].vy);
    free(ps);
    return e;
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
