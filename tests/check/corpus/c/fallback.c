/* A portable C routine built into the same library beside the NASM (as ISA-L, x264 and
 * dav1d ship C fallbacks and dispatchers): asmpkg check tests it like the assembly. */
#include <stddef.h>
#include <stdint.h>

__attribute__((visibility("hidden"))) uint32_t fx_c_rotl5(uint32_t x) { return (x << 5) | (x >> 27); }

/* uint32_t fx_c_checksum(const uint8_t *p, size_t n): a rotate-multiply hash of the bytes. */
uint32_t fx_c_checksum(const uint8_t *p, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = fx_c_rotl5((h ^ p[i]) * 16777619u);
    return h;
}
