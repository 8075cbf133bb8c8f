/* The C side of the Rust benchmark: the same loops as main.rs, calling libmath.a directly.
 * Rust times each call, so both sides share one clock and one process. */
#include <stddef.h>
#include <stdint.h>

#include "asmmath.h"

/* acc = math_add_ints(acc, i), `iters` times: a chain of dependent calls. */
int64_t c_loop_add_ints(uint64_t iters, int64_t seed)
{
    int64_t acc = seed;
    for (uint64_t i = 0; i < iters; i++)
        acc = math_add_ints(acc, (int64_t)i);
    return acc;
}

/* crc = math_crc32(crc, data, len), `iters` times. */
uint32_t c_loop_crc32(const uint8_t *data, size_t len, uint64_t iters)
{
    uint32_t crc = 0;
    for (uint64_t i = 0; i < iters; i++)
        crc = math_crc32(crc, data, len);
    return crc;
}
