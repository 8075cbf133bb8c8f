; extra_export: the library exports only the manifest's functions.
%include "fx.inc"
section .text

; uint64_t fx_mix64(uint64_t x) - a helper, not in the manifest.
; BUG: global with default visibility: the static library exports it to every program.
FUNC fx_mix64
    mov     rax, rdi
    shr     rdi, 33
    xor     rax, rdi
    mov     rdx, 0xff51afd7ed558ccd
    imul    rax, rdx
    ret
ENDFUNC

; uint64_t fx_xe_bad_hash(uint64_t x)
FUNC fx_xe_bad_hash
    jmp     fx_mix64
ENDFUNC

GNU_STACK
