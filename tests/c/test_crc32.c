/* CRC-32 against zlib's crc32, for every variant the CPU supports and the
 * public dispatcher.  Link: libmath.a -lz */
#include "asmmath.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

typedef uint32_t (*crc_fn)(uint32_t, const uint8_t *, size_t);

static int failures;

static uint64_t rng_state = 0x9E3779B97F4A7C15u;
static uint64_t rng(void) /* xorshift64*: reproducible inputs */
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Du;
}

static uint32_t ref(uint32_t crc, const uint8_t *p, size_t n)
{
    /* zlib's length is uInt: feed it in pieces */
    while (n > 0) {
        uInt chunk = n > (1u << 30) ? (1u << 30) : (uInt)n;
        crc = (uint32_t)crc32(crc, p, chunk);
        p += chunk;
        n -= chunk;
    }
    return crc;
}

#define CHECK(name, got, want, ...)                                             \
    do {                                                                       \
        if ((got) != (want)) {                                                 \
            if (failures++ < 20) {                                             \
                printf("FAIL %s: got %08x want %08x: ", name, (unsigned)(got), \
                       (unsigned)(want));                                      \
                printf(__VA_ARGS__);                                           \
                printf("\n");                                                  \
            }                                                                  \
        }                                                                      \
    } while (0)

static void test_variant(const char *name, crc_fn fn)
{
    int before = failures;
    enum { BIG = 4 << 20 };
    uint8_t *buf = malloc(BIG + 64);
    if (!buf) { printf("FAIL malloc\n"); failures++; return; }
    for (size_t i = 0; i < BIG + 64; i++) buf[i] = (uint8_t)rng();

    CHECK(name, fn(0, (const uint8_t *)"123456789", 9), 0xCBF43926u, "check value");
    CHECK(name, fn(0, NULL, 0), 0u, "empty, NULL data");
    CHECK(name, fn(0xCBF43926u, NULL, 0), 0xCBF43926u, "empty keeps crc");
    {
        /* crc is u32: bits 32-63 of its register are undefined (garbage here;
         * the cast call is formally undefined C, but it is what callers do) */
        uint32_t (*fn64)(uint64_t, const uint8_t *, size_t) =
            (uint32_t (*)(uint64_t, const uint8_t *, size_t))(void (*)(void))fn;
        uint32_t c = ref(0, buf, 1000);
        CHECK(name, fn64(0xDEADBEEF00000000ull | c, buf + 1000, 3000), ref(c, buf + 1000, 3000),
              "garbage upper bits of crc");
        CHECK(name, fn64(0xDEADBEEF00000000ull | c, buf + 1000, 5), ref(c, buf + 1000, 5),
              "garbage upper bits of crc, short");
    }
    {
        const char *fox = "The quick brown fox jumps over the lazy dog";
        CHECK(name, fn(0, (const uint8_t *)fox, strlen(fox)), 0x414FA339u, "fox");
    }

    /* every length 0..1100 at every offset 0..63, with a non-zero start crc too */
    for (size_t off = 0; off < 64; off++)
        for (size_t len = 0; len <= 1100; len++) {
            CHECK(name, fn(0, buf + off, len), ref(0, buf + off, len),
                  "off %zu len %zu", off, len);
            uint32_t start = (uint32_t)rng();
            CHECK(name, fn(start, buf + off, len), ref(start, buf + off, len),
                  "off %zu len %zu start %08x", off, len, start);
        }

    /* long inputs align their start through the tables first: every offset around the threshold (16 KiB) */
    for (size_t off = 0; off < 64; off++) {
        static const size_t lens[] = {16383, 16384, 16385, 16384 + 63, 16384 + 64, 20000};
        for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++) {
            uint32_t start = (uint32_t)rng();
            CHECK(name, fn(start, buf + off, lens[k]), ref(start, buf + off, lens[k]),
                  "off %zu len %zu start %08x", off, lens[k], start);
        }
    }

    /* random lengths up to 4 MiB */
    for (int i = 0; i < 40; i++) {
        size_t len = (size_t)(rng() % BIG), off = (size_t)(rng() % 64);
        CHECK(name, fn(0, buf + off, len), ref(0, buf + off, len), "random len %zu off %zu", len, off);
    }
    CHECK(name, fn(0, buf, BIG), ref(0, buf, BIG), "4 MiB");

    /* chaining: split at random points */
    for (int i = 0; i < 200; i++) {
        size_t len = (size_t)(rng() % 100000);
        size_t a = len ? (size_t)(rng() % (len + 1)) : 0;
        size_t b = a + (len - a ? (size_t)(rng() % (len - a + 1)) : 0);
        uint32_t c = fn(0, buf, a);
        c = fn(c, buf + a, b - a);
        c = fn(c, buf + b, len - b);
        CHECK(name, c, ref(0, buf, len), "chained %zu = %zu + %zu + %zu", len, a, b - a, len - b);
    }

    /* all-0xFF and all-zero inputs (and a garbage-free upper half of crc) */
    memset(buf, 0xFF, BIG);
    for (size_t len = 0; len <= 5000; len += 7)
        CHECK(name, fn(0, buf, len), ref(0, buf, len), "all 0xFF len %zu", len);
    CHECK(name, fn(0, buf, BIG), ref(0, buf, BIG), "all 0xFF 4 MiB");
    CHECK(name, fn(0xFFFFFFFFu, buf, 1000), ref(0xFFFFFFFFu, buf, 1000), "all 0xFF, crc ~0");
    memset(buf, 0, BIG);
    CHECK(name, fn(0, buf, 1 << 20), ref(0, buf, 1 << 20), "all zero 1 MiB");

    free(buf);
    printf("%s %s\n", failures == before ? "ok  " : "FAIL", name);
}

int main(void)
{
    __builtin_cpu_init();
    test_variant("math_crc32_generic", math_crc32_generic);
    if (__builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1"))
        test_variant("math_crc32_pclmul", math_crc32_pclmul);
    else
        printf("skip math_crc32_pclmul: CPU lacks pclmulqdq or sse4.1\n");
    if (__builtin_cpu_supports("vpclmulqdq") && __builtin_cpu_supports("avx512f") &&
        __builtin_cpu_supports("avx512vl"))
        test_variant("math_crc32_vpclmul", math_crc32_vpclmul);
    else
        printf("skip math_crc32_vpclmul: CPU lacks vpclmulqdq, avx512f or avx512vl\n");
    test_variant("math_crc32", math_crc32);
    if (failures) {
        printf("%d failure(s)\n", failures);
        return 1;
    }
    return 0;
}
