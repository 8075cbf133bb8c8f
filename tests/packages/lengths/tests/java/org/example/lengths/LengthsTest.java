package org.example.lengths;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Length expressions and outputs of computed length: checked in Java, with Java's exceptions, before native code. */
class LengthsTest {
    private static String refused(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    private static byte[] words(int... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    @Test
    void tooShortABuffer() {
        assertEquals("data: needs 4*n = 12 bytes (n = 3), got 8", refused(() -> Lengths.sumWords(new byte[8], 3)));
        assertEquals("data: needs 4*n = 12 bytes (n = 3), got 11",
                refused(() -> Lengths.sumWords(new byte[20], 4, 11, 3)));
        assertEquals("data: needs 4*n = 12 bytes (n = 3), got 5",
                refused(() -> Lengths.sumWords(ByteBuffer.allocateDirect(9).position(4), 3)));
        assertEquals("vals: needs 2*n-1 = 5 elements (n = 3), got 4", refused(() -> Lengths.sumOdd(new int[4], 3)));
        assertEquals("buf: needs n+2 = 257 bytes (n = 255), got 256",
                refused(() -> Lengths.scaleInPlace(new byte[256], (byte) 255, (byte) 1)));
        assertEquals("key: needs 32 bytes, got 31", refused(() -> Lengths.xorKey(new byte[31])));
        assertEquals("key: needs 32 bytes, got 0", refused(() -> Lengths.xorKey(ByteBuffer.allocate(0))));
    }

    @Test
    void aNegativeExpression() {
        assertEquals("vals: needs 2*n-1 = -1 elements (n = 0): a length cannot be negative",
                refused(() -> Lengths.sumOdd(new int[] {1, 2, 3}, 0)));
        refused(() -> Lengths.sumOdd(new int[0], 0));
        refused(() -> Lengths.sumOdd(new int[3], 1, 2, 0));
    }

    @Test
    void anExpressionBeyondALong() {
        // 4*n overflows a long: the check is exact, so it is simply more than the buffer holds
        assertEquals("data: needs 4*n = 36893488147419103228 bytes (n = 9223372036854775807), got 8",
                refused(() -> Lengths.sumWords(new byte[8], Long.MAX_VALUE)));
        assertEquals("data: needs 4*n = 9223372036854775808 bytes (n = 2305843009213693952), got 8",
                refused(() -> Lengths.sumWords(new byte[8], 1L << 61)));
        // 4*n that wraps to 0 in 64 bits is not 0
        refused(() -> Lengths.sumWords(ByteBuffer.allocateDirect(0), 1L << 62));
        // an n beyond an int
        refused(() -> Lengths.sumWords(new byte[16], 1L << 31));
        // unsigned n: a u32 of 0xFFFFFFFF is 4294967295, not -1
        assertEquals("vals: needs 2*n-1 = 8589934589 elements (n = 4294967295), got 2",
                refused(() -> Lengths.sumOdd(new int[2], -1)));
        // a size_t n is a long that must not be negative
        assertEquals("n must not be negative: -1", refused(() -> Lengths.sumWords(new byte[8], -1)));
    }

    @Test
    void aLongerBufferIsFine() {
        byte[] data = words(1, 2, -1, 100);
        assertEquals(4294967298L, Lengths.sumWords(data, 3));
        assertEquals(3L, Lengths.sumWords(data, 2));
        assertEquals(0L, Lengths.sumWords(data, 0));
        assertEquals(2L, Lengths.sumWords(data, 4, 4, 1));
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length + 2).put(new byte[] {9, 9}).put(data);
        direct.position(2);
        assertEquals(4294967298L, Lengths.sumWords(direct, 3));
        assertEquals(2, direct.position());
        assertEquals(7L, Lengths.sumOdd(new int[] {7, 100, 1000}, 1));
        assertEquals(2006L, Lengths.sumOdd(new int[] {0, 7, 999, 1000, 5}, 1, 3, 2));
        byte[] key = new byte[40];
        key[0] = 1;
        key[31] = (byte) 0xff;
        key[32] = 0x55; // past the 32 bytes: not read
        assertEquals((byte) 0xfe, Lengths.xorKey(key));
        assertEquals((byte) 0xfe, Lengths.xorKey(ByteBuffer.wrap(key).asReadOnlyBuffer()));
    }

    @Test
    void aLargeBufferIsPinnedNotCopied() {
        int n = 1000; // 4000 bytes: over the stack copy's 512
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putInt(i);
        }
        assertEquals((long) n * (n - 1) / 2, Lengths.sumWords(b.array(), n));
        short[] ramp = Lengths.ramp((short) 999);
        assertEquals(1000, ramp.length);
        assertEquals(999, ramp[999]);
    }

    @Test
    void bytesMutWrittenInPlace() {
        byte[] buf = {1, 2, 3, 4, 5};
        Lengths.scaleInPlace(buf, (byte) 1, (byte) 3);
        assertArrayEquals(new byte[] {3, 6, 9, 4, 5}, buf); // only the first n+2
        byte[] range = {1, 2, 3, 4, 5};
        Lengths.scaleInPlace(range, 1, 4, (byte) 0, (byte) 2);
        assertArrayEquals(new byte[] {1, 4, 6, 4, 5}, range);
        ByteBuffer direct = ByteBuffer.allocateDirect(4).put(new byte[] {1, 2, 3, 4}).flip();
        Lengths.scaleInPlace(direct, (byte) 2, (byte) 0x81);
        assertEquals((byte) 0x81, direct.get(0));
        assertEquals((byte) 0x02, direct.get(1));
        assertEquals((byte) 0x83, direct.get(2));
        assertEquals((byte) 0x04, direct.get(3));
        byte[] big = new byte[300];
        java.util.Arrays.fill(big, (byte) 1);
        Lengths.scaleInPlace(big, (byte) 255, (byte) 7); // 257 bytes, the rest untouched
        assertEquals(7, big[256]);
        assertEquals(1, big[257]);
        ByteBuffer readOnly = ByteBuffer.wrap(new byte[4]).asReadOnlyBuffer();
        assertThrows(java.nio.ReadOnlyBufferException.class, () -> Lengths.scaleInPlace(readOnly, (byte) 0, (byte) 1));
    }

    @Test
    void outputsOfComputedLength() {
        assertArrayEquals("00ff1a".getBytes(StandardCharsets.US_ASCII), Lengths.hexLower(new byte[] {0, -1, 0x1a}));
        assertArrayEquals("ff1a".getBytes(StandardCharsets.US_ASCII),
                Lengths.hexLower(new byte[] {0, -1, 0x1a, 5}, 1, 2));
        byte[] big = new byte[1000]; // 2000 bytes out: pinned, not copied
        big[999] = (byte) 0xab;
        byte[] hex = Lengths.hexLower(big);
        assertEquals(2000, hex.length);
        assertEquals('a', hex[1998]);
        assertEquals('b', hex[1999]);
        assertArrayEquals(new short[] {0, 1, 2, 3}, Lengths.ramp((short) 3));
        short[] all = Lengths.ramp((short) -1); // count = 65535, unsigned: 65536 values
        assertEquals(65536, all.length);
        assertEquals((short) 65535, all[65535]);
    }

    @Test
    void aHugeOutputIsRefusedNotAllocated() throws Exception {
        // no output of this package can get there (ramp's count+1 <= 65536; hex_lower's 2*n needs a 1 GiB input),
        // so ask the generated helper directly, as hexLower would for such an input
        java.lang.reflect.Method size = Lengths.class.getDeclaredMethod("outputLength", String.class, String.class,
                String.class, String.class, long.class, long.class, long.class);
        size.setAccessible(true);
        Throwable e = assertThrows(java.lang.reflect.InvocationTargetException.class,
                () -> size.invoke(null, "out", "2*n", "bytes", "n = length of src", (long) Integer.MAX_VALUE, 2L, 0L))
                .getCause();
        assertEquals(IllegalArgumentException.class, e.getClass());
        assertEquals("out: 2*n = 4294967294 bytes (n = length of src = 2147483647) is more than a Java array holds "
                + "(2147483639)", e.getMessage());
        assertEquals(2000, size.invoke(null, "out", "2*n", "bytes", "n", 1000L, 2L, 0L));
    }

    @Test
    void zeroLengthOutputs() {
        assertArrayEquals(new byte[0], Lengths.hexLower(new byte[0]));
        assertArrayEquals(new byte[0], Lengths.hexLower(new byte[] {1, 2}, 2, 0));
        assertArrayEquals(new byte[0], Lengths.hexLower(ByteBuffer.allocateDirect(0)));
        assertArrayEquals(new short[] {0}, Lengths.ramp((short) 0));
    }

    @Test
    void nullsAndRanges() {
        assertEquals("data", assertThrows(NullPointerException.class, () -> Lengths.sumWords((byte[]) null, 0)).getMessage());
        assertThrows(NullPointerException.class, () -> Lengths.hexLower((ByteBuffer) null));
        assertThrows(IndexOutOfBoundsException.class, () -> Lengths.sumWords(new byte[8], 4, 8, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> Lengths.hexLower(new byte[8], -1, 2));
    }
}
