/* The C baseline for bench.py: libmath called directly, linked statically. Prints JSON.

   usage: bench-c [OFFSET]   the 1 MiB input starts OFFSET bytes past a 64-byte boundary,
                             as the Python routes' bytes object does (alignment matters at this speed) */
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "asmmath.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Best of 5 runs of `n` calls (about 0.1 s each, like timeit's autorange), in seconds per call. */
#define BEST(n, body)                                  \
    ({                                                 \
        double best_ = 1e30;                           \
        for (int run_ = 0; run_ < 5; run_++) {         \
            double t0_ = now();                        \
            for (long i_ = 0; i_ < (n); i_++) {        \
                body;                                  \
            }                                          \
            double t_ = (now() - t0_) / (double)(n);   \
            best_ = t_ < best_ ? t_ : best_;           \
        }                                              \
        best_;                                         \
    })

int main(int argc, char **argv)
{
    static uint8_t small[64];
    static _Alignas(64) uint8_t space[(1 << 20) + 64];
    const size_t size = 1 << 20;
    uint8_t *big = space + (argc > 1 ? strtoul(argv[1], NULL, 10) % 64 : 0);
    for (size_t i = 0; i < size; i++) {
        big[i] = (uint8_t)(i * 31u);
    }
    volatile int64_t sink = 0;
    double add = BEST(200000000L, sink = math_add_ints(sink, i_));
    double crc_small = BEST(50000000L, sink += math_crc32(0, small, sizeof small));
    double crc_big = BEST(20000L, sink += math_crc32(0, big, size));
    printf("{\"add_ints\": %.3e, \"crc32_64\": %.3e, \"crc32_1m\": %.3e, \"sink\": %lld}\n",
           add, crc_small, crc_big, (long long)sink);
    return 0;
}
