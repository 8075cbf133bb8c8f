/* The C baseline for bench.js: libmath.a called directly, per call and in bulk.
 * Prints one JSON object: nanoseconds per call and bytes per second, best of several rounds.
 * The 1 MiB buffer comes from malloc, like a Node.js Buffer's memory (16-byte aligned); the
 * library's CRC-32 runs faster still on 64-byte aligned memory, reported beside it. */
#define _ISOC11_SOURCE
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "asmmath.h"

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static volatile uint64_t sink;

/* The best of `rounds` rounds of `n` calls, in nanoseconds per call. */
#define BEST(rounds, n, body)                                   \
    ({                                                          \
        double best_ = 1e300;                                   \
        for (int r_ = 0; r_ < (rounds); r_++) {                 \
            double t0_ = now();                                 \
            for (long i = 0; i < (n); i++) { body; }            \
            double dt_ = (now() - t0_) / (double)(n);           \
            if (dt_ < best_) best_ = dt_;                       \
        }                                                       \
        best_;                                                  \
    })

int main(void) {
    enum { MIB = 1 << 20 };
    static uint8_t small[64];
    uint8_t *big = malloc(MIB), *aligned = aligned_alloc(64, MIB);
    if (big == NULL || aligned == NULL) return 1;
    for (size_t i = 0; i < MIB; i++) big[i] = aligned[i] = (uint8_t)(i * 31 + 7);
    memcpy(small, big, sizeof small);
    uint64_t acc = 0;
    double add = BEST(7, 20000000L, acc += (uint64_t)math_add_ints((int64_t)i, (int64_t)acc));
    double crc64 = BEST(7, 5000000L, acc += math_crc32((uint32_t)acc, small, sizeof small));
    double mib = BEST(7, 200L, acc += math_crc32((uint32_t)acc, big, MIB));
    double mib_aligned = BEST(7, 200L, acc += math_crc32((uint32_t)acc, aligned, MIB));
    sink = acc;
    printf("{\"add_ints_ns\": %.3f, \"crc32_64_ns\": %.3f, \"crc32_1mib_bytes_per_s\": %.1f, "
           "\"crc32_1mib_aligned_bytes_per_s\": %.1f, \"malloc_offset_mod_64\": %u}\n",
           add, crc64, MIB / (mib * 1e-9), MIB / (mib_aligned * 1e-9), (unsigned)((uintptr_t)big % 64));
    free(big);
    free(aligned);
    return 0;
}
