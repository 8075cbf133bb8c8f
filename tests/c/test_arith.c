/* Scalar functions, points, strerror and RDRAND.  Link: libmath.a
 * Valgrind-clean (run it under memcheck as well). */
#include "asmmath.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int failures;

#define EXPECT(cond, ...)                                                      \
    do {                                                                       \
        if (!(cond)) {                                                         \
            failures++;                                                        \
            printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);             \
            printf(__VA_ARGS__);                                               \
            printf("\n");                                                      \
        }                                                                      \
    } while (0)

static void test_add(void)
{
    EXPECT(math_add_ints(2, 3) == 5, "2+3");
    EXPECT(math_add_ints(-7, 4) == -3, "-7+4");
    EXPECT(math_add_ints(INT64_MAX, 1) == INT64_MIN, "wraps up");
    EXPECT(math_add_ints(INT64_MIN, -1) == INT64_MAX, "wraps down");
    EXPECT(math_add_ints(-1, -1) == -2, "-1-1");
}

static void test_multiply(void)
{
    EXPECT(math_multiply_doubles(1.5, 4.0) == 6.0, "1.5*4");
    EXPECT(math_multiply_doubles(-2.0, 0.25) == -0.5, "-2*0.25");
    EXPECT(isinf(math_multiply_doubles(1e308, 10.0)), "overflow to inf");
    EXPECT(isnan(math_multiply_doubles(NAN, 1.0)), "nan");
    EXPECT(math_multiply_doubles(0.1, 0.2) == 0.1 * 0.2, "IEEE product");
}

static void test_divide(void)
{
    static const int64_t cases[][2] = {{7, 2}, {-7, 2}, {7, -2}, {-7, -2}, {0, 5}, {INT64_MIN, 1},
                                       {INT64_MAX, -1}, {INT64_MIN, 2}, {INT64_MIN, INT64_MIN},
                                       {5, INT64_MIN}, {1, 1}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t q = 12345;
        int rc = math_safe_divide(cases[i][0], cases[i][1], &q);
        EXPECT(rc == MATH_OK && q == cases[i][0] / cases[i][1], "%lld / %lld -> rc %d q %lld",
               (long long)cases[i][0], (long long)cases[i][1], rc, (long long)q);
    }
    int64_t q = 42;
    EXPECT(math_safe_divide(1, 0, &q) == MATH_ERR_DIVISION_BY_ZERO && q == 42, "1/0");
    EXPECT(math_safe_divide(0, 0, &q) == MATH_ERR_DIVISION_BY_ZERO && q == 42, "0/0");
    EXPECT(math_safe_divide(INT64_MIN, -1, &q) == MATH_ERR_OVERFLOW && q == 42, "INT64_MIN/-1");
    EXPECT(math_safe_divide(-5, -1, &q) == MATH_OK && q == 5, "-5/-1");
    EXPECT(math_safe_divide(INT64_MIN + 1, -1, &q) == MATH_OK && q == INT64_MAX, "(MIN+1)/-1");
}

static void test_fibonacci(void)
{
    uint64_t a = 0, b = 1;
    for (uint32_t n = 0; n <= 93; n++) {
        uint64_t out = 0xDEAD;
        int rc = math_fibonacci(n, &out);
        EXPECT(rc == MATH_OK && out == a, "F(%u) rc %d got %llu want %llu", n, rc,
               (unsigned long long)out, (unsigned long long)a);
        uint64_t next = a + b;
        a = b;
        b = next;
    }
    uint64_t out = 7;
    EXPECT(math_fibonacci(93, &out) == MATH_OK && out == 12200160415121876738ull, "F(93)");
    out = 7;
    EXPECT(math_fibonacci(94, &out) == MATH_ERR_OVERFLOW && out == 7, "F(94) rejected");
    EXPECT(math_fibonacci(0xFFFFFFFFu, &out) == MATH_ERR_OVERFLOW && out == 7, "F(2^32-1) rejected");
    EXPECT(math_fibonacci(0x80000000u, &out) == MATH_ERR_OVERFLOW && out == 7, "F(2^31) rejected");

    /* The ABI leaves bits 32-63 of a u32 argument undefined.  Calling through a
     * pointer typed with a 64-bit parameter puts garbage there on purpose
     * (formally undefined in C, exactly what a careless caller produces). */
    int (*fib64)(uint64_t, uint64_t *) = (int (*)(uint64_t, uint64_t *))(void (*)(void))math_fibonacci;
    out = 0;
    EXPECT(fib64(0xFFFFFFFF00000005ull, &out) == MATH_OK && out == 5, "garbage upper bits, n=5");
    EXPECT(fib64(0x0000000100000000ull, &out) == MATH_OK && out == 0, "garbage upper bits, n=0");
}

static void test_max(void)
{
    int64_t out = 99;
    EXPECT(math_max_i64(NULL, 0, &out) == MATH_ERR_EMPTY_INPUT && out == 99, "empty");
    int64_t one[] = {42};
    EXPECT(math_max_i64(one, 1, &out) == MATH_OK && out == 42, "one");
    int64_t neg[] = {-5, -9};
    EXPECT(math_max_i64(neg, 2, &out) == MATH_OK && out == -5, "negatives");
    int64_t mixed[] = {3, -1, 7, 2};
    EXPECT(math_max_i64(mixed, 4, &out) == MATH_OK && out == 7, "mixed");
    int64_t mins[] = {INT64_MIN, INT64_MIN, INT64_MIN};
    EXPECT(math_max_i64(mins, 3, &out) == MATH_OK && out == INT64_MIN, "all INT64_MIN");

    static int64_t big[10007];
    uint64_t s = 88172645463325252ull;
    for (size_t n = 1; n <= 10007; n = n < 40 ? n + 1 : n * 3 + 1) {
        for (size_t pos = 0; pos < n; pos += (n > 64 ? n / 7 + 1 : 1)) {
            for (size_t i = 0; i < n; i++) {
                s ^= s << 13; s ^= s >> 7; s ^= s << 17;
                big[i] = -(int64_t)(s >> 2) - 1; /* all negative */
            }
            big[pos] = -1; /* the unique maximum */
            int rc = math_max_i64(big, n, &out);
            EXPECT(rc == MATH_OK && out == -1, "n %zu max at %zu got %lld", n, pos, (long long)out);
        }
    }
    big[10006] = INT64_MAX;
    EXPECT(math_max_i64(big, 10007, &out) == MATH_OK && out == INT64_MAX, "max last");
}

static void test_reverse(void)
{
    uint8_t buf[300], want[300];
    math_reverse_bytes(NULL, 0);
    for (size_t len = 0; len <= 300; len++) {
        for (size_t off = 0; off < 3 && off + len <= 300; off++) {
            for (size_t i = 0; i < 300; i++) buf[i] = (uint8_t)(i * 7 + len);
            memcpy(want, buf, 300);
            for (size_t i = 0; i < len; i++) want[off + i] = buf[off + len - 1 - i];
            math_reverse_bytes(buf + off, len);
            EXPECT(memcmp(buf, want, 300) == 0, "len %zu off %zu", len, off);
        }
    }
    char hello[] = "hello";
    math_reverse_bytes((uint8_t *)hello, 5);
    EXPECT(strcmp(hello, "olleh") == 0, "hello -> %s", hello);
}

static void test_point(void)
{
    math_point p = math_make_point(1.0, 2.0);
    EXPECT(p.x == 1.0 && p.y == 2.0, "make_point %g %g", p.x, p.y);
    math_point a = {0.0, 0.0}, b = {3.0, 4.0};
    EXPECT(math_point_distance(a, b) == 5.0, "3-4-5");
    EXPECT(math_point_distance(b, a) == 5.0, "symmetric");
    math_point c = {-1.5, 2.25}, d = {4.0, -7.0};
    double r = math_point_distance(c, d); /* sqrt(5.5^2 + 9.25^2) = sqrt(115.8125) */
    EXPECT(r > 10.76 && r < 10.77 && fabs(r * r - 115.8125) < 1e-12, "general %.17g", r);
}

static void test_strerror(void)
{
    static const char *const want[] = {
        "success",
        "division by zero",
        "result does not fit in the output type",
        "input is empty",
        "the CPU lacks a required instruction",
        "the hardware random number generator kept failing",
        "out of memory",
    };
    for (int i = 0; i <= 6; i++) {
        const char *s = math_strerror(i);
        EXPECT(s && strcmp(s, want[i]) == 0, "code %d -> %s", i, s ? s : "(null)");
    }
    int unknown[] = {7, 8, 100, -1, -7, INT32_MIN, INT32_MAX};
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        const char *s = math_strerror(unknown[i]);
        EXPECT(s && strcmp(s, "unknown error") == 0, "code %d -> %s", unknown[i], s ? s : "(null)");
    }
    EXPECT(math_strerror(1) == math_strerror(1), "static storage");
    const char *(*strerror64)(uint64_t) = (const char *(*)(uint64_t))(void (*)(void))math_strerror;
    EXPECT(strcmp(strerror64(0xFFFFFFFF00000001ull), "division by zero") == 0, "garbage upper bits");
}

static void test_random(void)
{
    __builtin_cpu_init();
    uint64_t v[8];
    int rc = 0;
    for (int i = 0; i < 8 && rc == 0; i++) rc = math_random_u64(&v[i]);
    if (rc == MATH_ERR_UNSUPPORTED_CPU) {
        printf("skip random_u64: CPU lacks RDRAND\n");
        return;
    }
    EXPECT(rc == MATH_OK, "rc %d", rc);
    int distinct = 0;
    for (int i = 1; i < 8; i++) distinct += v[i] != v[0];
    EXPECT(distinct >= 6, "values vary (%d distinct from the first)", distinct);
}

int main(void)
{
    test_add();
    test_multiply();
    test_divide();
    test_fibonacci();
    test_max();
    test_reverse();
    test_point();
    test_strerror();
    test_random();
    if (failures) {
        printf("%d failure(s)\n", failures);
        return 1;
    }
    printf("ok   test_arith\n");
    return 0;
}
