/* libmath benchmark: CRC-32 vs zlib and SHA-256 vs OpenSSL, measured side by
 * side in one run, every variant separately; plus native per-call costs of
 * every function (read by run.py for its pure-Python table).
 *
 *   cc -O2 -I include bench.c build/libmath.a -lz -lcrypto -o bench
 *   ./bench            human-readable tables
 *   ./bench --calls    "name ns_per_call" lines, for run.py
 *
 * Cycles are TSC (reference) cycles from rdtsc, not core clock cycles. */
#include "asmmath.h"

#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <x86intrin.h>
#include <zlib.h>

#define MIB (1u << 20)

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static volatile uint64_t sink;

typedef struct {
    const char *name;
    void (*run)(const uint8_t *, size_t);
    int available;
    double best_s, best_cyc;
} candidate;

#define CRC_RUNNER(fn)                                                         \
    static void run_##fn(const uint8_t *p, size_t n) { sink += fn(0, p, n); }
static uint32_t zlib_crc(uint32_t c, const uint8_t *p, size_t n) { return (uint32_t)crc32(c, p, (uInt)n); }
CRC_RUNNER(zlib_crc)
CRC_RUNNER(math_crc32)
CRC_RUNNER(math_crc32_generic)
CRC_RUNNER(math_crc32_pclmul)
CRC_RUNNER(math_crc32_vpclmul)

#define SHA_RUNNER(fn)                                                         \
    static void run_##fn(const uint8_t *p, size_t n)                           \
    {                                                                          \
        uint8_t d[32];                                                         \
        fn(p, n, d);                                                           \
        sink += d[0];                                                          \
    }
static void openssl_sha(const uint8_t *p, size_t n, uint8_t d[32]) { SHA256(p, n, d); }
SHA_RUNNER(openssl_sha)
SHA_RUNNER(math_sha256)
SHA_RUNNER(math_sha256_generic)
SHA_RUNNER(math_sha256_shani)

/* Round-robin trials so that every candidate sees the same machine state;
 * the best trial of each is reported. */
static void measure(candidate *c, int nc, const uint8_t *buf, size_t len, int reps, int trials)
{
    for (int i = 0; i < nc; i++) c[i].best_s = c[i].best_cyc = 1e30;
    for (int t = 0; t < trials; t++)
        for (int i = 0; i < nc; i++) {
            if (!c[i].available) continue;
            c[i].run(buf, len); /* warm up */
            double t0 = now();
            uint64_t c0 = __rdtsc();
            for (int r = 0; r < reps; r++) c[i].run(buf, len);
            uint64_t c1 = __rdtsc();
            double s = (now() - t0) / reps;
            double cyc = (double)(c1 - c0) / reps;
            if (s < c[i].best_s) c[i].best_s = s, c[i].best_cyc = cyc;
        }
}

/* The target applies to the public function (c[1]); the variants are shown
 * for comparison (the generic one is the portable fallback). */
static void report(const char *title, candidate *c, int nc, size_t len, double target)
{
    printf("\n%s on %zu bytes (best of trials; ratio = speed / %s; target for %s >= %.2fx)\n",
           title, len, c[0].name, c[1].name, target);
    printf("  %-22s %10s %12s %9s\n", "implementation", "GB/s", "cycles/byte", "ratio");
    for (int i = 0; i < nc; i++) {
        if (!c[i].available) {
            printf("  %-22s %10s %12s %9s  (CPU lacks the instructions)\n", c[i].name, "-", "-", "-");
            continue;
        }
        double ratio = c[0].best_s / c[i].best_s;
        printf("  %-22s %10.2f %12.3f %8.2fx%s\n", c[i].name, len / c[i].best_s / 1e9,
               c[i].best_cyc / len, ratio,
               i != 1 ? "" : (ratio >= target ? "  meets target" : "  BELOW TARGET"));
    }
}

/* ---- native per-call costs for run.py (same workloads as its Python side) ---- */
static int64_t add_one(int64_t v, void *u) { (void)u; return v + 1; }

#define TIME_CALLS(label, iters, stmt)                                         \
    do {                                                                       \
        double best = 1e30;                                                    \
        for (int t = 0; t < 5; t++) {                                          \
            double t0 = now();                                                 \
            for (long i_ = 0; i_ < (iters); i_++) { stmt; }                    \
            double s = (now() - t0) / (iters);                                 \
            if (s < best) best = s;                                            \
        }                                                                      \
        printf("%s %.3f\n", label, best * 1e9);                                \
    } while (0)

static void calls(void)
{
    static uint8_t data[65536], rev[4096];
    static int64_t vals[4096];
    for (size_t i = 0; i < sizeof data; i++) data[i] = (uint8_t)(i * 131 + 7);
    for (size_t i = 0; i < 4096; i++) vals[i] = (int64_t)(i * 2654435761u % 100003) - 50000;
    volatile int64_t a = 123456789, b = 987654321;
    volatile double x = 1.25, y = 3.5;
    int64_t q, m;
    uint64_t u;
    uint8_t d[32];
    math_buffer *buf;
    TIME_CALLS("add_ints", 10000000, sink += math_add_ints(a, b));
    TIME_CALLS("multiply_doubles", 10000000, sink += (uint64_t)math_multiply_doubles(x, y));
    TIME_CALLS("safe_divide", 10000000, sink += math_safe_divide(a, 7, &q) + q);
    TIME_CALLS("fibonacci", 1000000, sink += math_fibonacci(90, &u) + u);
    TIME_CALLS("reverse_bytes", 100000, math_reverse_bytes(rev, sizeof rev); sink += rev[0]);
    TIME_CALLS("crc32", 20000, sink += math_crc32(0, data, sizeof data));
    TIME_CALLS("max_i64", 100000, sink += math_max_i64(vals, 4096, &m) + m);
    TIME_CALLS("random_u64", 100000, sink += math_random_u64(&u) + u);
    TIME_CALLS("buffer_new_free", 1000000,
               if (math_buffer_new(4096, &buf) == 0) {
                   sink += math_buffer_len(buf) + math_buffer_data(buf)[0];
                   math_buffer_free(buf);
               });
    TIME_CALLS("make_point", 10000000, math_point p = math_make_point(x, y); sink += (uint64_t)p.y);
    TIME_CALLS("point_distance", 10000000,
               sink += (uint64_t)math_point_distance(math_make_point(x, y), math_make_point(y, x)));
    TIME_CALLS("sum_with_callback", 100000, sink += math_sum_with_callback(vals, 1000, add_one, NULL));
    TIME_CALLS("sha256", 2000, math_sha256(data, 16384, d); sink += d[0]);
    TIME_CALLS("strerror", 10000000, sink += (uintptr_t)math_strerror((int)(a & 3)));
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--calls") == 0) {
        calls();
        return 0;
    }
    __builtin_cpu_init();
    int pclmul = __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
    int vpclmul = __builtin_cpu_supports("vpclmulqdq") && __builtin_cpu_supports("avx512f") &&
                  __builtin_cpu_supports("avx512vl");
    int shani = __builtin_cpu_supports("sha") && __builtin_cpu_supports("sse4.1") &&
                __builtin_cpu_supports("ssse3");

    size_t len = MIB;
    uint8_t *buf = aligned_alloc(64, len);
    for (size_t i = 0; i < len; i++) buf[i] = (uint8_t)(i * 2654435761u >> 13);

    /* correctness first: a fast wrong answer is not a result */
    uint32_t want = (uint32_t)crc32(0, buf, (uInt)len);
    if (math_crc32(0, buf, len) != want) { printf("math_crc32 MISMATCH\n"); return 1; }
    uint8_t d1[32], d2[32];
    SHA256(buf, len, d1);
    math_sha256(buf, len, d2);
    if (memcmp(d1, d2, 32) != 0) { printf("math_sha256 MISMATCH\n"); return 1; }

    candidate crc[] = {
        {"zlib crc32", run_zlib_crc, 1, 0, 0},
        {"math_crc32", run_math_crc32, 1, 0, 0},
        {"math_crc32_generic", run_math_crc32_generic, 1, 0, 0},
        {"math_crc32_pclmul", run_math_crc32_pclmul, pclmul, 0, 0},
        {"math_crc32_vpclmul", run_math_crc32_vpclmul, vpclmul, 0, 0},
    };
    measure(crc, 5, buf, len, 50, 15);
    report("CRC-32", crc, 5, len, 3.5);

    candidate sha[] = {
        {"OpenSSL SHA256", run_openssl_sha, 1, 0, 0},
        {"math_sha256", run_math_sha256, 1, 0, 0},
        {"math_sha256_generic", run_math_sha256_generic, 1, 0, 0},
        {"math_sha256_shani", run_math_sha256_shani, shani, 0, 0},
    };
    measure(sha, 4, buf, len, 5, 15);
    report("SHA-256", sha, 4, len, 0.95);
    free(buf);
    return 0;
}
