package org.example.asmmath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Status codes become AsmMathException, with the code, the enum constant and libmath's own message. */
class ErrorsTest {
    @Test
    void divisionByZero() {
        AsmMathException e = assertThrows(AsmMathException.class, () -> AsmMath.safeDivide(1, 0));
        assertEquals(1, e.code());
        assertSame(AsmMathError.DIVISION_BY_ZERO, e.error());
        assertEquals("division by zero", e.getMessage());
    }

    @Test
    void overflowIsAnErrorNotAWrap() {
        AsmMathException e = assertThrows(AsmMathException.class, () -> AsmMath.safeDivide(Long.MIN_VALUE, -1));
        assertSame(AsmMathError.OVERFLOW, e.error());
        assertEquals("result does not fit in the output type", e.getMessage());
        assertSame(AsmMathError.OVERFLOW, assertThrows(AsmMathException.class, () -> AsmMath.fibonacci(94)).error());
    }

    @Test
    void emptyInput() {
        assertSame(AsmMathError.EMPTY_INPUT, assertThrows(AsmMathException.class, () -> AsmMath.maxI64(new long[0])).error());
        long[] values = {5, 6, 7};
        assertSame(AsmMathError.EMPTY_INPUT,
                assertThrows(AsmMathException.class, () -> AsmMath.maxI64(values, 3, 0)).error());
        assertEquals(7, AsmMath.maxI64(values, 2, 1));
    }

    @Test
    void outOfMemory() {
        AsmMathException e = assertThrows(AsmMathException.class, () -> new AsmMath.Buffer(Long.MAX_VALUE));
        assertSame(AsmMathError.OUT_OF_MEMORY, e.error());
        assertEquals(6, e.code());
    }

    @Test
    void uncheckedAndUsable() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> AsmMath.safeDivide(0, 0));
        assertEquals(AsmMathException.class, e.getClass());
        // thrown by the JNI glue: the trace starts at the native method, then the public one
        assertEquals(true, e.getStackTrace()[0].isNativeMethod());
        assertEquals("safeDivide", e.getStackTrace()[1].getMethodName());
    }

    @Test
    void everyErrorHasItsCodeAndMessage() {
        int[] codes = {1, 2, 3, 4, 5, 6};
        AsmMathError[] errors = AsmMathError.values();
        assertEquals(codes.length, errors.length);
        for (int i = 0; i < codes.length; i++) {
            assertEquals(codes[i], errors[i].code());
            assertSame(errors[i], AsmMathError.fromCode(codes[i]));
            AsmMathException e = new AsmMathException(errors[i]);
            assertEquals(errors[i].message(), e.getMessage());
            assertSame(errors[i], e.error());
        }
        assertNull(AsmMathError.fromCode(0));
        assertNull(AsmMathError.fromCode(99));
    }

    @Test
    void randomNeedsRdrandOrSaysSo() {
        try {
            long a = AsmMath.randomU64();
            long b = AsmMath.randomU64();
            long c = AsmMath.randomU64();
            // three equal 64-bit draws would mean RDRAND is broken
            assertEquals(false, a == b && b == c);
        } catch (AsmMathException e) {
            assertEquals(true, e.error() == AsmMathError.UNSUPPORTED_CPU || e.error() == AsmMathError.ENTROPY_EXHAUSTED);
        }
    }
}
