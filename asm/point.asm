; point.asm - a struct of two doubles passed and returned by value.
;
; System V classifies struct { double x, y; } as two SSE eightbytes: an
; argument takes two xmm registers (x, then y) and a result returns in
; xmm0:xmm1, so no memory is involved.

%include "libmath.inc"

section .text

; math_point math_make_point(double x, double y) - x and y are already in xmm0:xmm1.
FUNC math_make_point
    ret
ENDFUNC

; double math_point_distance(math_point a, math_point b)
; a = (xmm0, xmm1), b = (xmm2, xmm3).
FUNC math_point_distance
    subsd   xmm0, xmm2
    subsd   xmm1, xmm3
    mulsd   xmm0, xmm0
    mulsd   xmm1, xmm1
    addsd   xmm0, xmm1
    sqrtsd  xmm0, xmm0
    ret
ENDFUNC

section .note.GNU-stack noalloc noexec nowrite progbits
