package org.example.asmmath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongUnaryOperator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** sumWithCallback: the LongUnaryOperator runs on the calling thread; its exceptions reach the caller. */
class CallbackTest {
    @Test
    void calledOncePerValueInOrder() {
        List<Long> seen = new ArrayList<>();
        Thread caller = Thread.currentThread();
        long sum = AsmMath.sumWithCallback(new long[] {1, 2, 3, 4}, v -> {
            assertSame(caller, Thread.currentThread());
            seen.add(v);
            return v * 10;
        });
        assertEquals(100, sum);
        assertEquals(List.of(1L, 2L, 3L, 4L), seen);
    }

    @Test
    void emptyAndRange() {
        assertEquals(0, AsmMath.sumWithCallback(new long[0], v -> {
            throw new AssertionError("called for an empty array");
        }));
        long[] values = {100, 1, 2, 100};
        assertEquals(3, AsmMath.sumWithCallback(values, 1, 2, LongUnaryOperator.identity()));
    }

    @Test
    void wrapsOnOverflow() {
        assertEquals(Long.MIN_VALUE, AsmMath.sumWithCallback(new long[] {Long.MAX_VALUE, 1}, v -> v));
    }

    @Test
    void largeArraysArePinnedNotCopied() {
        long[] values = LongStream.rangeClosed(1, 100_000).toArray();
        assertEquals(100_000L * 100_001L, AsmMath.sumWithCallback(values, v -> 2 * v));
    }

    @Test
    void anExceptionStopsTheCallsAndReachesTheCaller() {
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> AsmMath.sumWithCallback(LongStream.range(0, 1000).toArray(), v -> {
                    calls.incrementAndGet();
                    if (v == 2) {
                        throw boom;
                    }
                    return v;
                }));
        assertSame(boom, thrown);
        assertEquals(3, calls.get()); // no Java call after the one that threw
        // the thread is fine afterwards
        assertEquals(6, AsmMath.sumWithCallback(new long[] {1, 2, 3}, v -> v));
    }

    @Test
    void errorsAndCheckedExceptionsToo() {
        assertThrows(StackOverflowError.class, () -> AsmMath.sumWithCallback(new long[] {1}, v -> {
            throw new StackOverflowError();
        }));
        IOException io = new IOException("checked");
        assertSame(io, assertThrows(IOException.class, () -> AsmMath.sumWithCallback(new long[] {1, 2}, v -> sneaky(io))));
        assertThrows(ArithmeticException.class, () -> AsmMath.sumWithCallback(new long[] {1, Long.MIN_VALUE}, Math::negateExact));
    }

    @Test
    void reentrant() {
        // the callback calls the library again, including another callback
        long sum = AsmMath.sumWithCallback(new long[] {1, 2, 3}, v ->
                AsmMath.addInts(v, AsmMath.sumWithCallback(new long[] {v, v}, w -> w + AsmMath.crc32(new byte[0]))));
        assertEquals(1 + 2 + 2 + 4 + 3 + 6, sum);
    }

    @Test
    void nestedException() {
        RuntimeException inner = new RuntimeException("inner");
        assertSame(inner, assertThrows(RuntimeException.class, () -> AsmMath.sumWithCallback(new long[] {1, 2}, v ->
                AsmMath.sumWithCallback(new long[] {v}, w -> {
                    throw inner;
                }))));
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> long sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
