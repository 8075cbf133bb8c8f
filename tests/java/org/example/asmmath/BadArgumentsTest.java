package org.example.asmmath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/** Bad arguments are refused in Java, with Java's own exceptions, before any native code runs. */
class BadArgumentsTest {
    private static final byte[] DATA = "0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Test
    void nulls() {
        assertEquals("data", assertThrows(NullPointerException.class, () -> AsmMath.crc32((byte[]) null)).getMessage());
        assertThrows(NullPointerException.class, () -> AsmMath.crc32(0, (byte[]) null, 0, 0));
        assertThrows(NullPointerException.class, () -> AsmMath.crc32((ByteBuffer) null));
        assertThrows(NullPointerException.class, () -> AsmMath.sha256((byte[]) null));
        assertThrows(NullPointerException.class, () -> AsmMath.reverseBytes((byte[]) null));
        assertThrows(NullPointerException.class, () -> AsmMath.reverseBytes((ByteBuffer) null));
        assertThrows(NullPointerException.class, () -> AsmMath.maxI64(null));
        assertThrows(NullPointerException.class, () -> AsmMath.pointDistance(null, new Point(0, 0)));
        assertThrows(NullPointerException.class, () -> AsmMath.pointDistance(new Point(0, 0), null));
        assertThrows(NullPointerException.class, () -> AsmMath.sumWithCallback(null, v -> v));
        assertEquals("fn", assertThrows(NullPointerException.class,
                () -> AsmMath.sumWithCallback(new long[] {1}, null)).getMessage());
    }

    @Test
    void rangesOutsideTheArray() {
        assertThrows(IndexOutOfBoundsException.class, () -> AsmMath.crc32(0, DATA, -1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> AsmMath.crc32(0, DATA, 2, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> AsmMath.crc32(0, DATA, 5, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> AsmMath.crc32(DATA, 11, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> AsmMath.crc32(DATA, Integer.MAX_VALUE, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> AsmMath.sha256(DATA, 0, 11));
        assertThrows(IndexOutOfBoundsException.class, () -> AsmMath.reverseBytes(DATA.clone(), 9, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> AsmMath.maxI64(new long[3], 1, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> AsmMath.sumWithCallback(new long[3], -1, 1, v -> v));
        // the edges are fine
        assertEquals(0, AsmMath.crc32(DATA, 10, 0));
        assertEquals(AsmMath.crc32("9".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), AsmMath.crc32(DATA, 9, 1));
    }

    @Test
    void negativeSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AsmMath.Buffer(-1));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AsmMath.Buffer(Long.MIN_VALUE));
    }

    @Test
    void readOnlyBufferForAnOutput() {
        ByteBuffer heap = ByteBuffer.wrap(DATA.clone()).asReadOnlyBuffer();
        assertThrows(ReadOnlyBufferException.class, () -> AsmMath.reverseBytes(heap));
        ByteBuffer direct = ByteBuffer.allocateDirect(4).asReadOnlyBuffer();
        assertThrows(ReadOnlyBufferException.class, () -> AsmMath.reverseBytes(direct));
        // read-only is fine for an input
        assertEquals(AsmMath.crc32(DATA), AsmMath.crc32(ByteBuffer.wrap(DATA).asReadOnlyBuffer()));
    }

    @Test
    void wrongTypesThroughReflection() throws Exception {
        Method crc = AsmMath.class.getMethod("crc32", byte[].class);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> crc.invoke(null, "not bytes"));
        assertTrue(e.getMessage().contains("mismatch"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> crc.invoke(null, (Object) new int[] {1, 2}));
        Method add = AsmMath.class.getMethod("addInts", long.class, long.class);
        assertThrows(IllegalArgumentException.class, () -> add.invoke(null, "1", 2L));
        assertEquals(5L, add.invoke(null, 2, 3L)); // int widens to long, as in a call
        Method sum = AsmMath.class.getMethod("sumWithCallback", long[].class, LongUnaryOperator.class);
        assertThrows(IllegalArgumentException.class, () -> sum.invoke(null, new long[] {1}, (Runnable) () -> { }));
        InvocationTargetException wrapped = assertThrows(InvocationTargetException.class, () -> crc.invoke(null, (Object) null));
        assertInstanceOf(NullPointerException.class, wrapped.getCause());
    }

    @Test
    void unsignedParametersTakeTheirBits() {
        // n is a u32: -1 is 4294967295, far beyond F(93)
        assertEquals(AsmMathError.OVERFLOW, assertThrows(AsmMathException.class, () -> AsmMath.fibonacci(-1)).error());
        assertEquals("12200160415121876738", Long.toUnsignedString(AsmMath.fibonacci(93)));
        assertEquals(0xCBF43926L, Integer.toUnsignedLong(AsmMath.crc32("123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
    }
}
