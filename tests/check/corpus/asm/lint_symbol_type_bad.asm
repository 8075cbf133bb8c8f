; symbol_type: exported functions are STT_FUNC with their size.
%include "fx.inc"
section .text

; int64_t fx_st_bad_negate(int64_t x)
; BUG: a bare `global` gives an untyped symbol of size 0 (debuggers, profilers and nm -S suffer).
global fx_st_bad_negate
fx_st_bad_negate:
    mov     rax, rdi
    neg     rax
    ret

GNU_STACK
