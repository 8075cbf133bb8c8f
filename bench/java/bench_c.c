/* The C baseline: libmath.a called directly, timed the same way as Bench.java (best of many short rounds).
   Prints "name nanoseconds-per-call" lines for Bench.java to read. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "asmmath.h"

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static volatile uint64_t sink;

int main(void)
{
    enum { ROUNDS = 25, ADD_N = 4000000, CRC_N = 1000000, BIG = 1 << 20, BIG_N = 40 };
    static uint8_t small[64];
    uint8_t *big = malloc(BIG);
    for (int i = 0; i < BIG; i++) {
        big[i] = (uint8_t)(i * 131 + 7);
    }
    for (int i = 0; i < 64; i++) {
        small[i] = (uint8_t)i;
    }
    double best_add = 1e30, best_crc = 1e30, best_big = 1e30;
    for (int r = 0; r < ROUNDS; r++) {
        double t0 = now_ns();
        int64_t s = 0;
        for (int i = 0; i < ADD_N; i++) {
            s += math_add_ints(s, i);
        }
        double t1 = now_ns();
        uint32_t c = 0;
        for (int i = 0; i < CRC_N; i++) {
            c = math_crc32(c, small, sizeof small);
        }
        double t2 = now_ns();
        uint32_t b = 0;
        for (int i = 0; i < BIG_N; i++) {
            b = math_crc32(b, big, BIG);
        }
        double t3 = now_ns();
        sink += (uint64_t)s + c + b;
        if ((t1 - t0) / ADD_N < best_add) best_add = (t1 - t0) / ADD_N;
        if ((t2 - t1) / CRC_N < best_crc) best_crc = (t2 - t1) / CRC_N;
        if ((t3 - t2) / BIG_N < best_big) best_big = (t3 - t2) / BIG_N;
    }
    printf("add_ints %.4f\ncrc32_64 %.4f\ncrc32_1MiB %.1f\n", best_add, best_crc, best_big);
    free(big);
    return 0;
}
