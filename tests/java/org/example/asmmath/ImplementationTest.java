package org.example.asmmath;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Which binding the calls take: JNI on JDK 17, its incubating linker's trivial downcalls when the JVM enables them,
 * FFM (the jar's META-INF/versions/22 class) on JDK 22+.
 */
class ImplementationTest {
    @Test
    void takesTheExpectedPath() {
        String expected = System.getProperty("org.example.asmmath.test.implementation");
        assumeTrue(expected != null, "the build names the expected path");
        assertEquals(expected, AsmMath.implementation(), "on Java " + Runtime.version());
        if (expected.equals("ffm")) {
            assertEquals(true, Runtime.version().feature() >= 22);
        }
        if (expected.equals("incubator")) {
            assertEquals(17, Runtime.version().feature());
        }
    }

    @Test
    void everyBufferKindGivesTheSameAnswer() {
        byte[] data = "123456789".getBytes(StandardCharsets.US_ASCII);
        int crc = 0xcbf43926;
        byte[] padded = new byte[data.length + 5];
        System.arraycopy(data, 0, padded, 3, data.length);
        ByteBuffer direct = ByteBuffer.allocateDirect(padded.length).put(padded);
        direct.position(3).limit(3 + data.length);
        ByteBuffer heap = ByteBuffer.wrap(padded, 3, data.length);
        assertEquals(crc, AsmMath.crc32(data));
        assertEquals(crc, AsmMath.crc32(padded, 3, data.length));
        assertEquals(crc, AsmMath.crc32(direct));
        assertEquals(crc, AsmMath.crc32(direct.asReadOnlyBuffer()));
        assertEquals(crc, AsmMath.crc32(heap));
        assertEquals(crc, AsmMath.crc32(heap.slice()));
        assertEquals(crc, AsmMath.crc32(heap.asReadOnlyBuffer()));
        assertEquals(0, AsmMath.crc32(new byte[0]));
        assertEquals(0, AsmMath.crc32(ByteBuffer.allocateDirect(0)));
        assertEquals(3, direct.position());

        byte[] bytes = {1, 2, 3, 4, 5};
        AsmMath.reverseBytes(bytes, 1, 3);
        assertArrayEquals(new byte[] {1, 4, 3, 2, 5}, bytes);
        ByteBuffer view = ByteBuffer.allocateDirect(4).put(new byte[] {1, 2, 3, 4});
        view.position(1);
        AsmMath.reverseBytes(view);
        assertEquals(4, view.get(1));
        assertEquals(2, view.get(3));
        assertEquals(Long.MIN_VALUE, AsmMath.addInts(Long.MAX_VALUE, 1));
        assertEquals(7.5, AsmMath.multiplyDoubles(2.5, 3.0));
    }
}
