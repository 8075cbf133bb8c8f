package org.example.asmmath;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** crc32, sha256 and reverseBytes against the JDK, across the stack-copy / pinned / direct paths. */
class ChecksumTest {
    private static final int[] SIZES = {0, 1, 15, 16, 63, 64, 65, 511, 512, 513, 1000, 4096, 65_537, 1 << 20};

    private static byte[] random(int n, long seed) {
        byte[] data = new byte[n];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static int zlib(byte[] data, int off, int len) {
        CRC32 crc = new CRC32();
        crc.update(data, off, len);
        return (int) crc.getValue();
    }

    private static byte[] jdkSha256(byte[] data, int off, int len) throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(data, off, len);
        return md.digest();
    }

    @Test
    void crc32MatchesZlib() {
        for (int n : SIZES) {
            byte[] data = random(n + 7, n);
            assertEquals(zlib(data, 0, data.length), AsmMath.crc32(data), "n=" + n);
            assertEquals(zlib(data, 3, n), AsmMath.crc32(0, data, 3, n), "range n=" + n);
            ByteBuffer direct = ByteBuffer.allocateDirect(n + 7).put(data).position(5);
            assertEquals(zlib(data, 5, n + 2), AsmMath.crc32(direct), "direct n=" + n);
            assertEquals(5, direct.position());
            ByteBuffer heap = ByteBuffer.wrap(data, 2, n);
            assertEquals(zlib(data, 2, n), AsmMath.crc32(heap), "heap n=" + n);
        }
    }

    @Test
    void crc32Chains() {
        byte[] data = random(100_000, 1);
        for (int split : new int[] {0, 1, 511, 513, 50_000, 100_000}) {
            int first = AsmMath.crc32(0, data, 0, split);
            assertEquals(AsmMath.crc32(data), AsmMath.crc32(first, data, split, data.length - split), "split " + split);
        }
    }

    @Test
    void sha256MatchesTheJdk() throws NoSuchAlgorithmException {
        for (int n : SIZES) {
            byte[] data = random(n + 4, ~n);
            assertArrayEquals(jdkSha256(data, 0, data.length), AsmMath.sha256(data), "n=" + n);
            assertArrayEquals(jdkSha256(data, 2, n), AsmMath.sha256(data, 2, n), "range n=" + n);
            ByteBuffer direct = ByteBuffer.allocateDirect(n).put(data, 1, n).flip();
            assertArrayEquals(jdkSha256(data, 1, n), AsmMath.sha256(direct), "direct n=" + n);
        }
    }

    @Test
    void reverseBytesInPlace() {
        for (int n : SIZES) {
            byte[] data = random(n + 2, n);
            byte[] want = data.clone();
            for (int i = 0; i < n / 2; i++) {
                byte t = want[1 + i];
                want[1 + i] = want[n - i];
                want[n - i] = t;
            }
            byte[] got = data.clone();
            AsmMath.reverseBytes(got, 1, n);
            assertArrayEquals(want, got, "range n=" + n);
            ByteBuffer direct = ByteBuffer.allocateDirect(n + 2).put(data).position(1).limit(n + 1);
            AsmMath.reverseBytes(direct);
            byte[] back = new byte[n + 2];
            direct.clear().get(back);
            assertArrayEquals(want, back, "direct n=" + n);
            ByteBuffer heap = ByteBuffer.wrap(data.clone(), 1, n);
            AsmMath.reverseBytes(heap);
            assertArrayEquals(want, heap.array(), "heap n=" + n);
        }
        byte[] whole = {1, 2, 3};
        AsmMath.reverseBytes(whole);
        assertArrayEquals(new byte[] {3, 2, 1}, whole);
    }

    @Test
    void pointsAreRecords() {
        Point p = AsmMath.makePoint(1.5, -2.0);
        assertEquals(new Point(1.5, -2.0), p);
        assertEquals("Point[x=1.5, y=-2.0]", p.toString());
        assertEquals(5.0, AsmMath.pointDistance(new Point(0, 0), new Point(3, 4)));
        assertEquals(0.0, AsmMath.pointDistance(p, p));
    }

    @Test
    void maxI64AcrossPaths() {
        for (int n : new int[] {1, 63, 64, 65, 100_000}) {
            long[] values = new Random(n).longs(n).toArray();
            long want = Long.MIN_VALUE;
            for (long v : values) {
                want = Math.max(want, v);
            }
            assertEquals(want, AsmMath.maxI64(values), "n=" + n);
        }
    }
}
