#define _POSIX_C_SOURCE 200809L /* pthread barriers under -std=c11 */
/* First use from many threads at once: the CPU-feature cache is filled
 * concurrently (a benign race: every thread computes and stores the same
 * qword), and every thread must get the right answers.  Link: libmath.a
 * (pthreads are in libc since glibc 2.34; add -pthread on older systems). */
#include "asmmath.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

enum { THREADS = 16 };

static pthread_barrier_t start;
static uint8_t data[100000];
static uint32_t crc_result[THREADS];
static uint8_t sha_result[THREADS][32];
static int rnd_result[THREADS];
static const char *msg_result[THREADS];

static void *worker(void *arg)
{
    size_t i = (size_t)arg;
    uint64_t r;
    pthread_barrier_wait(&start);
    crc_result[i] = math_crc32(0, data, sizeof data); /* the first libmath call in the process */
    math_sha256(data, sizeof data, sha_result[i]);
    rnd_result[i] = math_random_u64(&r);
    msg_result[i] = math_strerror(MATH_ERR_OUT_OF_MEMORY);
    return NULL;
}

int main(void)
{
    pthread_t t[THREADS];
    for (size_t i = 0; i < sizeof data; i++) data[i] = (uint8_t)(i * 31 + 3);
    pthread_barrier_init(&start, NULL, THREADS);
    for (size_t i = 0; i < THREADS; i++) pthread_create(&t[i], NULL, worker, (void *)i);
    for (size_t i = 0; i < THREADS; i++) pthread_join(t[i], NULL);

    int failures = 0;
    uint32_t want_crc = math_crc32_generic(0, data, sizeof data);
    uint8_t want_sha[32];
    math_sha256_generic(data, sizeof data, want_sha);
    for (size_t i = 0; i < THREADS; i++) {
        if (crc_result[i] != want_crc) failures++, printf("FAIL thread %zu: crc32\n", i);
        if (memcmp(sha_result[i], want_sha, 32) != 0) failures++, printf("FAIL thread %zu: sha256\n", i);
        if (rnd_result[i] != MATH_OK && rnd_result[i] != MATH_ERR_UNSUPPORTED_CPU)
            failures++, printf("FAIL thread %zu: random_u64 rc %d\n", i, rnd_result[i]);
        if (rnd_result[i] != rnd_result[0]) failures++, printf("FAIL thread %zu: CPU view differs\n", i);
        if (strcmp(msg_result[i], "out of memory") != 0) failures++, printf("FAIL thread %zu: strerror\n", i);
    }
    if (failures) {
        printf("%d failure(s)\n", failures);
        return 1;
    }
    printf("ok   test_threads\n");
    return 0;
}
