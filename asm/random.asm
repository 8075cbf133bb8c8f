; random.asm - hardware random numbers.

%include "libmath.inc"

section .text

; int math_random_u64(uint64_t *out)
; RDRAND can transiently fail (CF = 0) when the DRNG is drained; Intel's
; DRNG guide recommends retrying 10 times before reporting a failure.
FUNC math_random_u64
    LOAD_CPU_FEATURES                   ; preserves rdi
    bt      rax, CPUF_RDRAND            ; CPUID.1:ECX[30], through the cache
    jnc     .unsupported
    mov     ecx, 10
.retry:
    rdrand  rax
    jc      .ok
    dec     ecx
    jnz     .retry
    mov     eax, MATH_ERR_ENTROPY_EXHAUSTED
    ret
.ok:
    mov     [rdi], rax
    xor     eax, eax
    ret
.unsupported:
    mov     eax, MATH_ERR_UNSUPPORTED_CPU
    ret
ENDFUNC

section .note.GNU-stack noalloc noexec nowrite progbits
