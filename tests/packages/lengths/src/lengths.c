/* The implementations behind asm/stubs.asm. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#pragma GCC visibility push(hidden)

uint64_t impl_sum_words(const uint8_t *data, size_t n) {
    uint64_t s = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t w;
        memcpy(&w, data + 4 * i, 4);
        s += w;
    }
    return s;
}

int64_t impl_sum_odd(const int32_t *vals, uint32_t n) {
    int64_t s = 0;
    if (n == 0) return 0; /* 2*n-1 < 0: bindings refuse it, the function reads nothing */
    for (uint64_t i = 0; i < 2 * (uint64_t)n - 1; i++) s += vals[i];
    return s;
}

void impl_scale_in_place(uint8_t *buf, uint8_t n, uint8_t k) {
    for (unsigned i = 0; i < (unsigned)n + 2; i++) buf[i] = (uint8_t)(buf[i] * k);
}

void impl_hex_lower(const uint8_t *src, size_t n, uint8_t *out) {
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = (uint8_t)digits[src[i] >> 4];
        out[2 * i + 1] = (uint8_t)digits[src[i] & 15];
    }
}

void impl_ramp(uint16_t count, uint16_t *out) {
    for (uint32_t i = 0; i <= count; i++) out[i] = (uint16_t)i;
}

void impl_iota(size_t n, uint64_t *out) {
    for (size_t i = 0; i < n; i++) out[i] = i;
}

uint8_t impl_xor_key(const uint8_t *key) {
    uint8_t x = 0;
    for (int i = 0; i < 32; i++) x ^= key[i];
    return x;
}

uint32_t impl_count_ones(uint8_t n, const uint8_t *data) {
    uint32_t c = 0;
    for (unsigned i = 0; i < n; i++) c += (uint32_t)__builtin_popcount(data[i]);
    return c;
}
