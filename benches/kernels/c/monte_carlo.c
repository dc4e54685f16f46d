/* Kernel (C): Monte-Carlo estimate of pi, same computation as ../monte_carlo.py:
 * MT19937 seeded as CPython's random.seed(2026) (init_by_array of the seed's
 * 32-bit words) and random() as CPython's genrand_res53. */
#include <stdint.h>
#include "pyrepr.h"

#define MT_N 624
#define MT_M 397
static uint32_t mt[MT_N];
static int mti;
static volatile long n_param = 2000000;

static void init_genrand(uint32_t s) {
    mt[0] = s;
    for (mti = 1; mti < MT_N; mti++) mt[mti] = 1812433253u * (mt[mti - 1] ^ (mt[mti - 1] >> 30)) + mti;
}

static void init_by_array(const uint32_t *key, int len) {
    init_genrand(19650218u);
    int i = 1, j = 0;
    for (int k = MT_N > len ? MT_N : len; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525u)) + key[j] + j;
        i++, j++;
        if (i >= MT_N) mt[0] = mt[MT_N - 1], i = 1;
        if (j >= len) j = 0;
    }
    for (int k = MT_N - 1; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941u)) - i;
        i++;
        if (i >= MT_N) mt[0] = mt[MT_N - 1], i = 1;
    }
    mt[0] = 0x80000000u;
    mti = MT_N;
}

static uint32_t genrand(void) {
    if (mti >= MT_N) {
        for (int k = 0; k < MT_N; k++) {
            uint32_t y = (mt[k] & 0x80000000u) | (mt[(k + 1) % MT_N] & 0x7fffffffu);
            mt[k] = mt[(k + MT_M) % MT_N] ^ (y >> 1) ^ (y & 1 ? 0x9908b0dfu : 0);
        }
        mti = 0;
    }
    uint32_t y = mt[mti++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    return y ^ (y >> 18);
}

static double random_res53(void) {
    uint32_t a = genrand() >> 5, b = genrand() >> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

static double kernel(long n) {
    uint32_t key = 2026;
    init_by_array(&key, 1);
    long inside = 0;
    for (long i = 0; i < n; i++) {
        double x = random_res53(), y = random_res53();
        if (x * x + y * y <= 1.0) inside++;
    }
    return 4.0 * inside / n;
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
