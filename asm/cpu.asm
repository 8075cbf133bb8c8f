; cpu.asm - CPU feature detection and the feature cache.
;
; math_cpu_features is libmath's only writable state.  It is a cache, not
; shared mutable data: every thread that finds it zero runs CPUID/XGETBV,
; computes the same value (the CPU and the OS's XCR0 do not change while the
; process runs) and stores it with one naturally aligned 8-byte mov, which
; x86-64 performs atomically.  A reader therefore sees either 0 (and computes
; the value itself) or the complete value, never a torn one, so concurrent
; first calls race benignly and no lock or fence is needed.

%define LIBMATH_DEFINES_CPU
%include "libmath.inc"

section .bss align=8                    ; the qword's natural alignment makes its store atomic
    global math_cpu_features:data hidden (8)
math_cpu_features:
    resq 1

section .text

; uint64_t math_cpu_detect(void) - internal (hidden); computes, stores and
; returns math_cpu_features.  A normal System V function.
FUNC_HIDDEN math_cpu_detect
    push    rbx                         ; CPUID clobbers ebx
    xor     r8d, r8d                    ; feature bits being built
    xor     r9d, r9d                    ; XCR0 (0 if the OS has no XSAVE)

    xor     eax, eax
    cpuid
    mov     r10d, eax                   ; highest standard leaf

    mov     eax, 1
    cpuid
    bt      ecx, 9
    jnc     .no_ssse3
    bts     r8, CPUF_SSSE3
.no_ssse3:
    bt      ecx, 19
    jnc     .no_sse41
    bts     r8, CPUF_SSE41
.no_sse41:
    bt      ecx, 1
    jnc     .no_pclmul
    bts     r8, CPUF_PCLMULQDQ
.no_pclmul:
    bt      ecx, 30
    jnc     .no_rdrand
    bts     r8, CPUF_RDRAND
.no_rdrand:
    ; XGETBV faults unless the OS enabled XSAVE (CPUID.1:ECX.OSXSAVE[27]).
    bt      ecx, 27
    jnc     .no_xgetbv
    xor     ecx, ecx
    xgetbv
    mov     r9d, eax
.no_xgetbv:

    cmp     r10d, 7
    jb      .leaf7_done
    mov     eax, 7
    xor     ecx, ecx
    cpuid
    bt      ebx, 29
    jnc     .no_sha
    bts     r8, CPUF_SHA
.no_sha:
    bt      ecx, 10
    jnc     .no_vpclmul
    bts     r8, CPUF_VPCLMULQDQ
.no_vpclmul:
    ; AVX2 needs XCR0 bits 1-2 (XMM, YMM) set by the OS.
    mov     eax, r9d
    and     eax, 0x06
    cmp     eax, 0x06
    jne     .leaf7_done
    bt      ebx, 5
    jnc     .no_avx2
    bts     r8, CPUF_AVX2
.no_avx2:
    ; AVX-512 additionally needs XCR0 bits 5-7 (opmask, ZMM_Hi256, Hi16_ZMM).
    mov     eax, r9d
    and     eax, 0xE6
    cmp     eax, 0xE6
    jne     .leaf7_done
    bt      ebx, 16
    jnc     .no_avx512f
    bts     r8, CPUF_AVX512F
.no_avx512f:
    bt      ebx, 31
    jnc     .leaf7_done
    bts     r8, CPUF_AVX512VL
.leaf7_done:

    ; Path bits: the full set of features each variant executes.
    mov     rax, (1 << CPUF_PCLMULQDQ) | (1 << CPUF_SSE41)
    mov     rcx, r8
    and     rcx, rax
    cmp     rcx, rax
    jne     .no_crc_pclmul
    bts     r8, CPUF_PATH_CRC_PCLMUL
    mov     rax, (1 << CPUF_VPCLMULQDQ) | (1 << CPUF_AVX512F) | (1 << CPUF_AVX512VL)
    mov     rcx, r8
    and     rcx, rax
    cmp     rcx, rax
    jne     .no_crc_pclmul
    bts     r8, CPUF_PATH_CRC_VPCLMUL
.no_crc_pclmul:
    mov     rax, (1 << CPUF_SHA) | (1 << CPUF_SSSE3) | (1 << CPUF_SSE41)
    mov     rcx, r8
    and     rcx, rax
    cmp     rcx, rax
    jne     .no_sha_ni
    bts     r8, CPUF_PATH_SHA_NI
.no_sha_ni:
    bts     r8, CPUF_VALID              ; never 0 once computed
    mov     [math_cpu_features], r8     ; one aligned store: atomic
    mov     rax, r8
    pop     rbx
    ret
ENDFUNC

section .note.GNU-stack noalloc noexec nowrite progbits
