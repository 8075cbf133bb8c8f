/* SHA-256 against the NIST vectors and OpenSSL, for every variant the CPU
 * supports and the public dispatcher.  Link: libmath.a -lcrypto */
#include "asmmath.h"

#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void (*sha_fn)(const uint8_t *, size_t, uint8_t[32]);

static int failures;

static uint64_t rng_state = 0x2545F4914F6CDD1Du;
static uint64_t rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Du;
}

static void hex(const uint8_t d[32], char s[65])
{
    for (int i = 0; i < 32; i++) sprintf(s + 2 * i, "%02x", d[i]);
}

static void check_hex(const char *name, sha_fn fn, const uint8_t *msg, size_t len, const char *want)
{
    uint8_t d[32];
    char got[65];
    fn(msg, len, d);
    hex(d, got);
    if (strcmp(got, want) != 0) {
        failures++;
        printf("FAIL %s: len %zu got %s want %s\n", name, len, got, want);
    }
}

static void check_ref(const char *name, sha_fn fn, const uint8_t *msg, size_t len)
{
    uint8_t d[32], r[32];
    memset(d, 0xA5, sizeof d);
    fn(msg, len, d);
    SHA256(msg, len, r);
    if (memcmp(d, r, 32) != 0 && failures++ < 20) {
        char g[65], w[65];
        hex(d, g);
        hex(r, w);
        printf("FAIL %s: len %zu got %s want %s\n", name, len, g, w);
    }
}

static void test_variant(const char *name, sha_fn fn)
{
    int before = failures;
    /* FIPS 180-4 / NIST CSRC examples */
    check_hex(name, fn, NULL, 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    check_hex(name, fn, (const uint8_t *)"abc", 3,
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    check_hex(name, fn, (const uint8_t *)m448, strlen(m448),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    const char *m896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                       "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
    check_hex(name, fn, (const uint8_t *)m896, strlen(m896),
              "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
    uint8_t *million = malloc(1000000);
    memset(million, 'a', 1000000);
    check_hex(name, fn, million, 1000000,
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(million);

    enum { BIG = 3 << 20 };
    uint8_t *buf = malloc(BIG + 16);
    for (size_t i = 0; i < BIG + 16; i++) buf[i] = (uint8_t)rng();
    for (size_t len = 0; len <= 300; len++) {
        check_ref(name, fn, buf, len);
        check_ref(name, fn, buf + 1 + len % 15, len); /* unaligned */
    }
    size_t big[] = {511, 512, 513, 4095, 4096, 65536 + 55, 65536 + 56, 1 << 20, BIG - 1};
    for (size_t i = 0; i < sizeof big / sizeof big[0]; i++) check_ref(name, fn, buf + 3, big[i]);
    free(buf);
    printf("%s %s\n", failures == before ? "ok  " : "FAIL", name);
}

int main(void)
{
    __builtin_cpu_init();
    test_variant("math_sha256_generic", math_sha256_generic);
    if (__builtin_cpu_supports("sha") && __builtin_cpu_supports("sse4.1") &&
        __builtin_cpu_supports("ssse3"))
        test_variant("math_sha256_shani", math_sha256_shani);
    else
        printf("skip math_sha256_shani: CPU lacks sha, ssse3 or sse4.1\n");
    test_variant("math_sha256", math_sha256);
    if (failures) {
        printf("%d failure(s)\n", failures);
        return 1;
    }
    return 0;
}
