package org.example.asmmath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** AsmMath.Buffer: an AutoCloseable owner of native memory. */
class BufferTest {
    @Test
    void zeroedAndSized() {
        try (AsmMath.Buffer buffer = new AsmMath.Buffer(4096)) {
            assertEquals(4096, buffer.length());
            ByteBuffer view = buffer.asByteBuffer();
            assertTrue(view.isDirect());
            assertEquals(4096, view.capacity());
            assertEquals(0, view.position());
            for (int i = 0; i < view.capacity(); i++) {
                assertEquals(0, view.get(i));
            }
        }
    }

    @Test
    void viewsShareTheMemory() {
        try (AsmMath.Buffer buffer = new AsmMath.Buffer(64)) {
            ByteBuffer a = buffer.asByteBuffer();
            ByteBuffer b = buffer.asByteBuffer();
            assertNotSame(a, b);
            a.put(3, (byte) 42);
            assertEquals(42, b.get(3));
            b.position(10); // each view has its own position
            assertEquals(0, a.position());
            // the library reads the same memory in place
            a.put(0, "abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals(AsmMath.crc32("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), AsmMath.crc32(a.slice(0, 3)));
            AsmMath.reverseBytes(a.slice(0, 3));
            assertEquals('c', b.get(0));
            assertEquals('a', b.get(2));
        }
    }

    @Test
    void emptyBuffer() {
        try (AsmMath.Buffer buffer = new AsmMath.Buffer(0)) {
            assertEquals(0, buffer.length());
            assertEquals(0, buffer.asByteBuffer().capacity());
            assertEquals(0, AsmMath.crc32(buffer.asByteBuffer()));
        }
    }

    @Test
    void useAfterClose() {
        AsmMath.Buffer buffer = new AsmMath.Buffer(8);
        assertFalse(buffer.isClosed());
        buffer.close();
        assertTrue(buffer.isClosed());
        assertEquals("Buffer is closed", assertThrows(IllegalStateException.class, buffer::length).getMessage());
        assertThrows(IllegalStateException.class, buffer::asByteBuffer);
        assertEquals("Buffer[closed]", buffer.toString());
    }

    @Test
    void doubleCloseIsANoOp() {
        AsmMath.Buffer buffer = new AsmMath.Buffer(8);
        buffer.close();
        buffer.close();
        try (buffer) {
            assertTrue(buffer.isClosed());
        }
        assertThrows(IllegalStateException.class, buffer::length);
    }

    @Test
    void aViewOutlivesClose() {
        ByteBuffer view;
        try (AsmMath.Buffer buffer = new AsmMath.Buffer(1 << 16)) {
            view = buffer.asByteBuffer();
        }
        // the memory is freed only when the view is unreachable too: still safe to use
        view.putLong(0, 0x0123456789ABCDEFL);
        assertEquals(0x0123456789ABCDEFL, view.getLong(0));
    }

    @Test
    void unclosedBuffersAreCleaned() throws InterruptedException {
        // 256 MiB in total, never closed: the cleaner must free them as they become unreachable
        for (int i = 0; i < 256; i++) {
            AsmMath.Buffer buffer = new AsmMath.Buffer(1 << 20);
            buffer.asByteBuffer().put(0, (byte) i);
            if (i % 32 == 0) {
                System.gc();
                Thread.sleep(5);
            }
        }
    }
}
