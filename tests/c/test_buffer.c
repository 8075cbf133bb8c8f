/* math_buffer_*: allocation, zeroing, ownership, out-of-memory.  Link: libmath.a
 * Run it under `valgrind --error-exitcode=1 --leak-check=full` too: it must
 * report no error and no leak. */
#include "asmmath.h"

#include <stdio.h>
#include <stdlib.h>
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

static void roundtrip(size_t size)
{
    math_buffer *b = NULL;
    int rc = math_buffer_new(size, &b);
    EXPECT(rc == MATH_OK && b != NULL, "new(%zu) rc %d", size, rc);
    if (!b) return;
    EXPECT(math_buffer_len(b) == size, "len %zu != %zu", math_buffer_len(b), size);
    uint8_t *d = math_buffer_data(b);
    EXPECT(d != NULL, "data(%zu) is NULL", size);
    EXPECT(((uintptr_t)d & 15) == 0, "data 16-byte aligned");
    size_t nonzero = 0;
    for (size_t i = 0; i < size; i++) nonzero += d[i] != 0;
    EXPECT(nonzero == 0, "size %zu: %zu non-zero bytes", size, nonzero);
    memset(d, 0xAB, size); /* the whole range is writable (valgrind checks bounds) */
    EXPECT(size == 0 || (d[0] == 0xAB && d[size - 1] == 0xAB), "writable");
    EXPECT(math_buffer_data(b) == d && math_buffer_len(b) == size, "stable");
    math_buffer_free(b);
}

int main(void)
{
    size_t sizes[] = {0, 1, 2, 15, 16, 17, 100, 4096, 65537, 1 << 20};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) roundtrip(sizes[i]);

    /* Recycled memory must come back zeroed too. */
    for (int i = 0; i < 50; i++) {
        void *junk = malloc(4096);
        if (junk) memset(junk, 0xCC, 4096);
        free(junk);
        roundtrip(4000);
    }

    /* Huge sizes: out_of_memory, and *out is left untouched. */
    size_t huge[] = {SIZE_MAX, SIZE_MAX - 15, SIZE_MAX - 16, SIZE_MAX / 2 + 1, (size_t)INT64_MAX};
    for (size_t i = 0; i < sizeof huge / sizeof huge[0]; i++) {
        math_buffer *sentinel = (math_buffer *)(uintptr_t)0x1234;
        math_buffer *b = sentinel;
        int rc = math_buffer_new(huge[i], &b);
        EXPECT(rc == MATH_ERR_OUT_OF_MEMORY, "new(%zu) rc %d", huge[i], rc);
        EXPECT(b == sentinel, "*out untouched on error");
    }

    math_buffer_free(NULL); /* no-op */
    EXPECT(math_buffer_data(NULL) == NULL && math_buffer_len(NULL) == 0, "NULL accessors");

    /* many live at once, freed in reverse */
    math_buffer *many[64];
    for (int i = 0; i < 64; i++) {
        many[i] = NULL;
        EXPECT(math_buffer_new((size_t)i * 33, &many[i]) == MATH_OK, "many %d", i);
    }
    for (int i = 63; i >= 0; i--) math_buffer_free(many[i]);

    if (failures) {
        printf("%d failure(s)\n", failures);
        return 1;
    }
    printf("ok   test_buffer\n");
    return 0;
}
