/* Kernel (C): n-body (five planets), same computation as ../nbody.py. */
#include "pyrepr.h"

#define NB 5
static volatile long steps_param = 50000;
static const double PI = 3.14159265358979323;
#define SOLAR_MASS (4 * PI * PI)
#define DAYS_PER_YEAR 365.24

static double kernel(long steps) {
    double b[NB][7] = {
        {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, SOLAR_MASS},
        {4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
         1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR,
         -6.90460016972063023e-05 * DAYS_PER_YEAR, 9.54791938424326609e-04 * SOLAR_MASS},
        {8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
         -2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR,
         2.30417297573763929e-05 * DAYS_PER_YEAR, 2.85885980666130812e-04 * SOLAR_MASS},
        {1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
         2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR,
         -2.96589568540237556e-05 * DAYS_PER_YEAR, 4.36624404335156298e-05 * SOLAR_MASS},
        {1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
         2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR,
         -9.51592254519715870e-05 * DAYS_PER_YEAR, 5.15138902046611451e-05 * SOLAR_MASS},
    };
    double x[NB], y[NB], z[NB], vx[NB], vy[NB], vz[NB], m[NB];
    for (int i = 0; i < NB; i++)
        x[i] = b[i][0], y[i] = b[i][1], z[i] = b[i][2], vx[i] = b[i][3], vy[i] = b[i][4], vz[i] = b[i][5], m[i] = b[i][6];
    double px = 0.0, py = 0.0, pz = 0.0;
    for (int i = 0; i < NB; i++) px += vx[i] * m[i], py += vy[i] * m[i], pz += vz[i] * m[i];
    vx[0] = -px / SOLAR_MASS, vy[0] = -py / SOLAR_MASS, vz[0] = -pz / SOLAR_MASS;
    const double dt = 0.01;
    for (long s = 0; s < steps; s++) {
        for (int i = 0; i < NB; i++)
            for (int j = i + 1; j < NB; j++) {
                double dx = x[i] - x[j], dy = y[i] - y[j], dz = z[i] - z[j];
                double d2 = dx * dx + dy * dy + dz * dz;
                double mag = dt / (d2 * sqrt(d2));
                double mj = m[j] * mag, mi = m[i] * mag;
                vx[i] -= dx * mj, vy[i] -= dy * mj, vz[i] -= dz * mj;
                vx[j] += dx * mi, vy[j] += dy * mi, vz[j] += dz * mi;
            }
        for (int i = 0; i < NB; i++) x[i] += dt * vx[i], y[i] += dt * vy[i], z[i] += dt * vz[i];
    }
    double e = 0.0;
    for (int i = 0; i < NB; i++) {
        e += 0.5 * m[i] * (vx[i] * vx[i] + vy[i] * vy[i] + vz[i] * vz[i]);
        for (int j = i + 1; j < NB; j++) {
            double dx = x[i] - x[j], dy = y[i] - y[j], dz = z[i] - z[j];
            e -= m[i] * m[j] / sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

int main(void) {
    kernel(steps_param);
    double t0 = now_seconds();
    double result = kernel(steps_param);
    double t1 = now_seconds();
    char buf[64];
    py_repr_double(result, buf, sizeof buf);
    printf("result: %s\n", buf);
    print_time(t1 - t0);
    return 0;
}
