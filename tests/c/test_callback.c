/* math_sum_with_callback: re-entrant callbacks, wrapping, user data, and the
 * ABI state a callback sees (stack alignment at entry; callee-saved registers
 * of the caller preserved across the whole call).  Link: libmath.a
 * The checks read rsp and the registers from small asm trampolines (dav1d's
 * checkasm is the model), so no compiler flags are needed. */
#include "asmmath.h"

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

/* calls back into libmath */
static int64_t add_ten(int64_t v, void *user)
{
    (void)user;
    return math_add_ints(v, 10);
}

static int64_t identity(int64_t v, void *user)
{
    (void)user;
    return v;
}

struct recorder {
    int64_t seen[16];
    size_t n;
    void *self;
};

static int64_t record(int64_t v, void *user)
{
    struct recorder *r = user;
    if (r->self != r) failures++, printf("FAIL user pointer not passed through\n");
    if (r->n < 16) r->seen[r->n] = v;
    r->n++;
    return v * 2;
}

/* nested: the callback itself runs a sum with a callback */
static int64_t nested(int64_t v, void *user)
{
    (void)user;
    int64_t inner[3] = {v, v, v};
    return math_sum_with_callback(inner, 3, add_ten, NULL); /* 3v + 30 */
}

/* rsp % 16 at the callback's entry, captured by an asm trampoline: the ABI
 * requires rsp + 8 (the return address popped) to be 16-byte aligned. */
extern volatile uint64_t entry_rsp_mod16;
volatile uint64_t entry_rsp_mod16 = 0xFF; /* written by aligned_probe */
static int misaligned_calls;
int64_t checked_inner(int64_t v, void *user);
int64_t checked_inner(int64_t v, void *user)
{
    (void)user;
    if (entry_rsp_mod16 != 8) misaligned_calls++;
    return v;
}
__asm__(".text\n"
        ".type aligned_probe, @function\n"
        "aligned_probe:\n"
        "    mov %rsp, %rax\n"
        "    and $15, %rax\n"
        "    mov %rax, entry_rsp_mod16(%rip)\n"
        "    jmp checked_inner\n"
        ".size aligned_probe, .-aligned_probe\n");
int64_t aligned_probe(int64_t v, void *user);

/* A callback that clobbers every callee-saved register it is allowed to
 * (saving and restoring them itself) plus all caller-saved ones: if the
 * library kept state in caller-saved registers across the call it breaks. */
int64_t clobber_callback(int64_t v, void *user);
__asm__(".text\n"
        ".type clobber_callback, @function\n"
        "clobber_callback:\n"
        "    push %rbx\n push %rbp\n push %r12\n push %r13\n push %r14\n push %r15\n"
        "    mov %rdi, %rax\n"
        "    mov $0x1111, %rbx\n mov $0x2222, %rbp\n mov $0x3333, %r12\n"
        "    mov $0x4444, %r13\n mov $0x5555, %r14\n mov $0x6666, %r15\n"
        "    mov $0x7777, %rcx\n mov $0x8888, %rdx\n mov $0x9999, %rsi\n mov $0xaaaa, %rdi\n"
        "    mov $0xbbbb, %r8\n mov $0xcccc, %r9\n mov $0xdddd, %r10\n mov $0xeeee, %r11\n"
        "    pcmpeqd %xmm0, %xmm0\n pcmpeqd %xmm1, %xmm1\n pcmpeqd %xmm15, %xmm15\n"
        "    pop %r15\n pop %r14\n pop %r13\n pop %r12\n pop %rbp\n pop %rbx\n"
        "    ret\n"
        ".size clobber_callback, .-clobber_callback\n");

/* Calls math_sum_with_callback with known values in rbx, rbp, r12-r15 and
 * reports whether they survived (checkasm-style). Returns the sum in *sum. */
int64_t call_with_canaries(const int64_t *v, size_t n, math_map_fn fn, void *user, int64_t *sum);
__asm__(".text\n"
        ".type call_with_canaries, @function\n"
        "call_with_canaries:\n"
        "    push %rbx\n push %rbp\n push %r12\n push %r13\n push %r14\n push %r15\n"
        "    push %r8\n"                                  /* sum pointer; rsp%16 == 0 now */
        "    movabs $0x0123456789abcdef, %rbx\n"
        "    movabs $0x1032547698badcfe, %rbp\n"
        "    movabs $0x2301674523016745, %r12\n"
        "    movabs $0x3210fedc3210fedc, %r13\n"
        "    movabs $0x4567012345670123, %r14\n"
        "    movabs $0x5476103254761032, %r15\n"
        "    call math_sum_with_callback\n"
        "    pop %r8\n"
        "    mov %rax, (%r8)\n"
        "    xor %eax, %eax\n"
        "    movabs $0x0123456789abcdef, %rcx\n cmp %rcx, %rbx\n jne 1f\n"
        "    movabs $0x1032547698badcfe, %rcx\n cmp %rcx, %rbp\n jne 1f\n"
        "    movabs $0x2301674523016745, %rcx\n cmp %rcx, %r12\n jne 1f\n"
        "    movabs $0x3210fedc3210fedc, %rcx\n cmp %rcx, %r13\n jne 1f\n"
        "    movabs $0x4567012345670123, %rcx\n cmp %rcx, %r14\n jne 1f\n"
        "    movabs $0x5476103254761032, %rcx\n cmp %rcx, %r15\n jne 1f\n"
        "    jmp 2f\n"
        "1:  mov $1, %eax\n"
        "2:  pop %r15\n pop %r14\n pop %r13\n pop %r12\n pop %rbp\n pop %rbx\n"
        "    ret\n"
        ".size call_with_canaries, .-call_with_canaries\n");

int main(void)
{
    int64_t v[] = {1, 2, 3, 4, 5};
    EXPECT(math_sum_with_callback(v, 5, add_ten, NULL) == 65, "add_ten");
    EXPECT(math_sum_with_callback(v, 0, add_ten, NULL) == 0, "count 0");
    EXPECT(math_sum_with_callback(NULL, 0, add_ten, NULL) == 0, "count 0, NULL values");

    int64_t w[] = {INT64_MAX, 1, 1};
    EXPECT(math_sum_with_callback(w, 3, identity, NULL) == INT64_MIN + 1, "wrapping");
    int64_t w2[] = {INT64_MIN, -1};
    EXPECT(math_sum_with_callback(w2, 2, identity, NULL) == INT64_MAX, "wrapping down");

    struct recorder r;
    memset(&r, 0, sizeof r);
    r.self = &r;
    int64_t order[] = {5, -3, 8, 0};
    EXPECT(math_sum_with_callback(order, 4, record, &r) == 20, "record sum");
    EXPECT(r.n == 4 && r.seen[0] == 5 && r.seen[1] == -3 && r.seen[2] == 8 && r.seen[3] == 0,
           "called once per value, in order (n=%zu)", r.n);

    EXPECT(math_sum_with_callback(v, 5, nested, NULL) == 3 * 15 + 5 * 30, "nested");

    EXPECT(math_sum_with_callback(v, 5, aligned_probe, NULL) == 15, "probe sum");
    EXPECT(misaligned_calls == 0 && entry_rsp_mod16 == 8,
           "callback entry rsp %% 16 == 8 (got %llu, %d misaligned)",
           (unsigned long long)entry_rsp_mod16, misaligned_calls);

    int64_t sum = 0;
    int64_t bad = call_with_canaries(v, 5, clobber_callback, NULL, &sum);
    EXPECT(bad == 0, "callee-saved registers preserved across math_sum_with_callback");
    EXPECT(sum == 15, "sum with a clobbering callback = %lld", (long long)sum);
    bad = call_with_canaries(v, 5, add_ten, NULL, &sum);
    EXPECT(bad == 0 && sum == 65, "canaries with a C callback");

    if (failures) {
        printf("%d failure(s)\n", failures);
        return 1;
    }
    printf("ok   test_callback\n");
    return 0;
}
