/* Every function called through a checkasm-style trampoline (dav1d's checkasm
 * is the model) that verifies, across the call: callee-saved rbx, rbp,
 * r12-r15 preserved; the direction flag clear; MXCSR and the x87 control word
 * untouched; and, where the CPU reports it (XGETBV ECX=1, XINUSE), that AVX
 * code left the upper register halves clean (VZEROUPPER).  Each CPU variant
 * runs only if the CPU has its features.  Link: libmath.a */
#include "asmmath.h"

#include <cpuid.h>
#include <stdio.h>
#include <string.h>

unsigned abi_fail;           /* bit mask of violations, set by the trampoline */
unsigned char abi_use_avx;   /* CPU has AVX: run VZEROUPPER before the call */
unsigned char abi_use_xinuse;

enum { F_REGS = 1, F_DF = 2, F_MXCSR = 4, F_X87 = 8, F_UPPER = 16 };

/* abi_checked(fn, a1..a5): calls fn(a1..a5) with integer arguments shifted
 * down one register; xmm arguments and all return registers pass through. */
__asm__(".text\n"
        ".globl abi_checked\n"
        ".type abi_checked, @function\n"
        "abi_checked:\n"
        "    push %rbx\n push %rbp\n push %r12\n push %r13\n push %r14\n push %r15\n"
        "    sub $40, %rsp\n"                  /* 6 pushes + 40: aligned call */
        "    mov %rdi, %r11\n"
        "    stmxcsr 0(%rsp)\n"
        "    fnstcw 4(%rsp)\n"
        "    cmpb $0, abi_use_avx(%rip)\n je 1f\n vzeroupper\n1:\n"
        "    mov %rsi, %rdi\n mov %rdx, %rsi\n mov %rcx, %rdx\n mov %r8, %rcx\n mov %r9, %r8\n"
        "    movabs $0x0123456789abcdef, %rbx\n"
        "    movabs $0x1032547698badcfe, %rbp\n"
        "    movabs $0x2301674523016745, %r12\n"
        "    movabs $0x3210fedc3210fedc, %r13\n"
        "    movabs $0x4567012345670123, %r14\n"
        "    movabs $0x5476103254761032, %r15\n"
        "    call *%r11\n"
        "    mov %rax, 16(%rsp)\n mov %rdx, 24(%rsp)\n"
        "    movabs $0x0123456789abcdef, %rcx\n cmp %rcx, %rbx\n jne 2f\n"
        "    movabs $0x1032547698badcfe, %rcx\n cmp %rcx, %rbp\n jne 2f\n"
        "    movabs $0x2301674523016745, %rcx\n cmp %rcx, %r12\n jne 2f\n"
        "    movabs $0x3210fedc3210fedc, %rcx\n cmp %rcx, %r13\n jne 2f\n"
        "    movabs $0x4567012345670123, %rcx\n cmp %rcx, %r14\n jne 2f\n"
        "    movabs $0x5476103254761032, %rcx\n cmp %rcx, %r15\n je 3f\n"
        "2:  orl $1, abi_fail(%rip)\n"
        "3:  pushfq\n pop %rcx\n test $0x400, %ecx\n jz 4f\n orl $2, abi_fail(%rip)\n cld\n"
        "4:  stmxcsr 8(%rsp)\n mov 8(%rsp), %ecx\n cmp 0(%rsp), %ecx\n je 5f\n orl $4, abi_fail(%rip)\n"
        "5:  fnstcw 12(%rsp)\n movzwl 12(%rsp), %ecx\n movzwl 4(%rsp), %edx\n cmp %edx, %ecx\n je 6f\n"
        "    orl $8, abi_fail(%rip)\n"
        "6:  cmpb $0, abi_use_xinuse(%rip)\n je 7f\n"
        "    mov $1, %ecx\n xgetbv\n test $0x44, %eax\n jz 7f\n"  /* YMM_Hi128 | ZMM_Hi256 in use */
        "    orl $16, abi_fail(%rip)\n"
        "7:  mov 16(%rsp), %rax\n mov 24(%rsp), %rdx\n"
        "    add $40, %rsp\n"
        "    pop %r15\n pop %r14\n pop %r13\n pop %r12\n pop %rbp\n pop %rbx\n"
        "    ret\n"
        ".size abi_checked, .-abi_checked\n");
void abi_checked(void);
/* read through a volatile pointer: the compiler must not assume its type */
static void (*volatile abi_entry)(void) = abi_checked;

/* variadic: the same registers as the real prototype on x86-64 System V */
#define CALL(ret, fn, ...) (((ret(*)(void (*)(void), ...))abi_entry)((void (*)(void))(fn), __VA_ARGS__))

static int failures;

static void verdict(const char *name)
{
    static const char *const what[] = {"callee-saved register clobbered", "DF left set",
                                       "MXCSR changed", "x87 control word changed",
                                       "AVX upper state left dirty (no vzeroupper)"};
    if (abi_fail) {
        failures++;
        for (int i = 0; i < 5; i++)
            if (abi_fail & (1u << i)) printf("FAIL %s: %s\n", name, what[i]);
    }
    abi_fail = 0;
}

#define EXPECT(cond, name)                                                     \
    do {                                                                       \
        if (!(cond)) failures++, printf("FAIL %s: wrong result\n", name);      \
        verdict(name);                                                         \
    } while (0)

static int64_t cb_add(int64_t v, void *u) { (void)u; return math_add_ints(v, 1); }

int main(void)
{
    unsigned a, b, c, d;
    __builtin_cpu_init();
    abi_use_avx = __builtin_cpu_supports("avx") != 0;
    if (abi_use_avx && __get_cpuid_count(0xD, 1, &a, &b, &c, &d) && (a & 4))
        abi_use_xinuse = 1;
    printf("upper-state check: %s\n", abi_use_xinuse ? "on (XINUSE)" : "off (no XGETBV ECX=1)");

    static uint8_t data[20000]; /* > 16 KiB: crc32's aligning head call runs too */
    for (size_t i = 0; i < sizeof data; i++) data[i] = (uint8_t)(i * 7 + 1);
    int64_t q = 0, vals[] = {4, -2, 9, 1};
    uint64_t u = 0;
    uint8_t dig[32], ref[32];
    math_buffer *buf = NULL;

    EXPECT(CALL(int64_t, math_add_ints, (int64_t)2, (int64_t)3) == 5, "add_ints");
    EXPECT(CALL(double, math_multiply_doubles, 1.5, 4.0) == 6.0, "multiply_doubles");
    EXPECT(CALL(int, math_safe_divide, (int64_t)-7, (int64_t)2, &q) == 0 && q == -3, "safe_divide");
    EXPECT(CALL(int, math_safe_divide, INT64_MIN, (int64_t)-1, &q) == MATH_ERR_OVERFLOW, "safe_divide ovf");
    EXPECT(CALL(int, math_fibonacci, (uint32_t)90, &u) == 0 && u == 2880067194370816120ull, "fibonacci");
    CALL(void, math_reverse_bytes, data, (size_t)4999);
    EXPECT(data[0] == (uint8_t)(4998 * 7 + 1), "reverse_bytes");
    EXPECT(CALL(int, math_max_i64, vals, (size_t)4, &q) == 0 && q == 9, "max_i64");
    int rc = CALL(int, math_random_u64, &u);
    EXPECT(rc == 0 || rc == MATH_ERR_UNSUPPORTED_CPU, "random_u64");
    EXPECT(CALL(int, math_buffer_new, (size_t)100, &buf) == 0 && buf, "buffer_new");
    EXPECT(CALL(size_t, math_buffer_len, buf) == 100, "buffer_len");
    EXPECT(CALL(uint8_t *, math_buffer_data, buf)[99] == 0, "buffer_data");
    CALL(void, math_buffer_free, buf);
    verdict("buffer_free");
    math_point p = CALL(math_point, math_make_point, 1.0, 2.0);
    EXPECT(p.x == 1.0 && p.y == 2.0, "make_point");
    math_point o = {0, 0}, t = {3, 4};
    EXPECT(CALL(double, math_point_distance, o, t) == 5.0, "point_distance");
    EXPECT(CALL(int64_t, math_sum_with_callback, vals, (size_t)4, cb_add, NULL) == 16, "sum_with_callback");
    EXPECT(strcmp(CALL(const char *, math_strerror, 3), "input is empty") == 0, "strerror");

    uint32_t want = math_crc32_generic(0, data, sizeof data);
    EXPECT(CALL(uint32_t, math_crc32, (uint32_t)0, data, sizeof data) == want, "crc32");
    EXPECT(CALL(uint32_t, math_crc32_generic, (uint32_t)0, data, sizeof data) == want, "crc32_generic");
    if (__builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1"))
        EXPECT(CALL(uint32_t, math_crc32_pclmul, (uint32_t)0, data, sizeof data) == want, "crc32_pclmul");
    else
        printf("skip crc32_pclmul: CPU lacks pclmulqdq or sse4.1\n");
    if (__builtin_cpu_supports("vpclmulqdq") && __builtin_cpu_supports("avx512f") &&
        __builtin_cpu_supports("avx512vl")) {
        EXPECT(CALL(uint32_t, math_crc32_vpclmul, (uint32_t)0, data, sizeof data) == want, "crc32_vpclmul");
        EXPECT(CALL(uint32_t, math_crc32_vpclmul, (uint32_t)0, data + 3, sizeof data - 3) ==
               math_crc32_generic(0, data + 3, sizeof data - 3), "crc32_vpclmul, misaligned");
    } else
        printf("skip crc32_vpclmul: CPU lacks vpclmulqdq, avx512f or avx512vl\n");

    math_sha256_generic(data, sizeof data, ref);
    CALL(void, math_sha256, data, sizeof data, dig);
    EXPECT(memcmp(dig, ref, 32) == 0, "sha256");
    CALL(void, math_sha256_generic, data, sizeof data, dig);
    EXPECT(memcmp(dig, ref, 32) == 0, "sha256_generic");
    if (__builtin_cpu_supports("sha") && __builtin_cpu_supports("sse4.1") && __builtin_cpu_supports("ssse3")) {
        CALL(void, math_sha256_shani, data, sizeof data, dig);
        EXPECT(memcmp(dig, ref, 32) == 0, "sha256_shani");
    } else {
        printf("skip sha256_shani: CPU lacks sha, ssse3 or sse4.1\n");
    }

    if (failures) {
        printf("%d failure(s)\n", failures);
        return 1;
    }
    printf("ok   test_abi\n");
    return 0;
}
