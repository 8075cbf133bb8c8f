/* The C implementations behind asm/stubs.asm. */
#include <stdlib.h>
#include <string.h>

#include "kitchen.h"

/* Only the asm stubs are the library's interface. */
#pragma GCC visibility push(hidden)

struct ks_counter { uint64_t n; };
struct ks_blob { uint8_t data[8]; };

double impl_mix(int8_t a, int16_t b, int32_t c, int64_t d, uint8_t e, uint16_t f, uint32_t g, uint64_t h,
                size_t n, float x, double y, bool flag) {
    return (double)a + b + c + (double)d + e + f + g + (double)h + (double)n + x + y + (flag ? 1000 : 0);
}
int8_t impl_negate_i8(int8_t v) { return (int8_t)(-(int)v); }
bool impl_not_bool(bool b) { return !b; }
float impl_half_f32(float x) { return x / 2; }
size_t impl_double_size(size_t n) { return n * 2; }
uint64_t impl_sum_bytes(const uint8_t *data, uint32_t len) {
    uint64_t s = 0;
    for (uint32_t i = 0; i < len; i++) s += data[i];
    return s;
}
void impl_fill(uint8_t *buf, uint8_t size, uint8_t range) { if (size) memset(buf, range, size); }
float impl_sum_f32(const float *values, size_t count) {
    float s = 0;
    for (size_t i = 0; i < count; i++) s += values[i];
    return s;
}
size_t impl_count_true(const bool *flags, size_t n) {
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += flags[i];
    return c;
}
size_t impl_sum_sizes(const size_t *sizes, size_t n) {
    size_t s = 0;
    for (size_t i = 0; i < n; i++) s += sizes[i];
    return s;
}
void impl_split_u128(uint64_t lo, uint64_t hi, uint32_t out[4]) {
    out[0] = (uint32_t)lo; out[1] = (uint32_t)(lo >> 32); out[2] = (uint32_t)hi; out[3] = (uint32_t)(hi >> 32);
}
void impl_pair_f64(double a, double out[2]) { out[0] = a; out[1] = -a; }
int impl_rgb(uint32_t code, uint8_t out[3]) {
    if (code > 0xFFFFFF) return KS_ERR_TOO_BIG;
    out[0] = (uint8_t)(code >> 16); out[1] = (uint8_t)(code >> 8); out[2] = (uint8_t)code;
    return 0;
}
int impl_make_rect(float w, float h, ks_rect *out) {
    if (w > 1e20f || h > 1e20f) return KS_ERR_TOO_BIG;
    ks_rect r = {w, h, (double)w * h, true, 7, 3, 1};
    *out = r;
    return 0;
}
ks_rect impl_rect_value(float w) { ks_rect r = {w, w, (double)w * w, false, 0, 0, 0}; return r; }
double impl_rect_area(ks_rect r) { return (double)r.w * r.h; }
ks_pair_i32 impl_swap_pair(ks_pair_i32 p) { ks_pair_i32 q = {p.b, p.a}; return q; }
/* Total, so random inputs are fine: b == 0 gives (0, a), INT32_MIN / -1 wraps. */
void impl_divmod(int32_t a, int32_t b, int32_t *q, int32_t *r) {
    if (b == 0) { *q = 0; *r = a; return; }
    if (b == -1) { *q = (int32_t)(0u - (uint32_t)a); *r = 0; return; }
    *q = a / b;
    *r = a % b;
}
int64_t impl_max_min(const int64_t *values, size_t n, int64_t *lo) {
    int64_t hi = INT64_MIN, l = INT64_MAX;
    for (size_t i = 0; i < n; i++) { if (values[i] > hi) hi = values[i]; if (values[i] < l) l = values[i]; }
    *lo = l;
    return hi;
}
int impl_parse_u64(uint32_t code, uint64_t *value, bool *ok) {
    if (code == 0) return KS_ERR_BAD_CODE;
    if (code > 100) return KS_ERR_TOO_BIG;
    *value = UINT64_MAX; *ok = true;
    return 0;
}
int impl_counter_new(uint64_t start, ks_counter **out) {
    if (start == UINT64_MAX) return KS_ERR_TOO_BIG;
    ks_counter *c = malloc(sizeof *c);
    if (!c) return KS_ERR_TOO_BIG;
    c->n = start;
    *out = c;
    return 0;
}
void impl_counter_free(ks_counter *c) { free(c); }
uint64_t impl_counter_get(const ks_counter *c) { return c->n; }
void impl_counter_add(ks_counter *dst, const ks_counter *src) { dst->n += src->n; }
int impl_counter_clone(const ks_counter *c, ks_counter **out) { return impl_counter_new(c->n, out); }
int impl_blob_new(ks_blob **out) {
    ks_blob *b = calloc(1, sizeof *b);
    if (!b) return KS_ERR_TOO_BIG;
    memcpy(b->data, "blobdata", 8);
    *out = b;
    return 0;
}
void impl_blob_free(ks_blob *b) { free(b); }
void impl_for_each(const double *values, size_t n, ks_each_fn fn, void *user) {
    for (size_t i = 0; i < n; i++) fn(i, values[i], user);
}
int64_t impl_apply2(int32_t x, ks_pred_fn f, void *fu, ks_map_fn g, void *gu) {
    return f(fu, x) ? g(x, gu) : 0;
}
int impl_count_if(const int32_t *values, size_t n, ks_pred_fn pred, void *user, size_t *count) {
    if (n == 0) return KS_ERR_BAD_CODE;
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += pred(user, values[i]);
    *count = c;
    return 0;
}
const char *impl_version_string(void) { return "kitchen 2.1"; }
const char *impl_strerror(int32_t code) {
    switch (code) {
    case KS_ERR_BAD_CODE: return "no such code";
    case KS_ERR_TOO_BIG: return "the value is too big";
    default: return "unknown error";
    }
}
int impl_counter_pair(uint64_t start, ks_counter **out, uint32_t *id) {
    *id = 42;
    return impl_counter_new(start, out);
}
