/* The C contract the bindings build on: each string is the caller's, freed with what free = names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "owned.h"

static int failures;
#define EXPECT(cond, what)                                \
    do {                                                  \
        if (!(cond)) {                                    \
            failures++;                                   \
            printf("FAIL %s\n", what);                    \
        }                                                 \
    } while (0)

int main(void)
{
    char *d = ow_describe(7);
    EXPECT(d && strcmp(d, "n=7") == 0, "describe(7)");
    free(d);
    uint64_t before = ow_released();
    char *l = ow_label(3);
    EXPECT(l && strcmp(l, "label 3 \xe2\x9c\x93") == 0, "label(3)");
    ow_release(l);
    EXPECT(ow_released() == before + 1, "release counts once");
    EXPECT(ow_label(-1) == NULL, "label(-1) is NULL");
    ow_release(NULL);
    EXPECT(ow_released() == before + 1, "release(NULL) is not counted");
    if (failures) return 1;
    printf("ok   test_owned\n");
    return 0;
}
