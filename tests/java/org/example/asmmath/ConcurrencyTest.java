package org.example.asmmath;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** 8 threads calling the library at once, and handles shared and closed across threads. */
class ConcurrencyTest {
    private static final int THREADS = 8;

    private static void runAll(List<Callable<Void>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (Callable<Void> task : tasks) {
                futures.add(pool.submit(task));
            }
            for (Future<Void> f : futures) {
                f.get(120, TimeUnit.SECONDS); // rethrows a failed assertion
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eightThreadsAtOnce() throws Exception {
        CountDownLatch start = new CountDownLatch(THREADS);
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            final int id = t;
            tasks.add(() -> {
                Random random = new Random(id);
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                start.countDown();
                start.await();
                for (int i = 0; i < 2000; i++) {
                    byte[] data = new byte[random.nextInt(2048)];
                    random.nextBytes(data);
                    CRC32 crc = new CRC32();
                    crc.update(data);
                    assertEquals((int) crc.getValue(), AsmMath.crc32(data));
                    assertArrayEquals(sha.digest(data), AsmMath.sha256(data));
                    long a = random.nextLong();
                    long b = random.nextLong();
                    assertEquals(a + b, AsmMath.addInts(a, b));
                    long[] values = random.longs(1 + random.nextInt(200), -1000, 1000).toArray();
                    long sum = 0;
                    for (long v : values) {
                        sum += v * id;
                    }
                    assertEquals(sum, AsmMath.sumWithCallback(values, v -> v * id));
                    try (AsmMath.Buffer buffer = new AsmMath.Buffer(data.length)) {
                        ByteBuffer view = buffer.asByteBuffer().put(data).flip();
                        assertEquals((int) crc.getValue(), AsmMath.crc32(view));
                    }
                }
                return null;
            });
        }
        runAll(tasks);
    }

    @Test
    void callbacksThrowingOnSomeThreads() throws Exception {
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            final boolean throwing = t % 2 == 0;
            tasks.add(() -> {
                for (int i = 0; i < 500; i++) {
                    final int at = i % 7;
                    try {
                        long got = AsmMath.sumWithCallback(new long[] {1, 2, 3, 4, 5, 6, 7}, v -> {
                            if (throwing && v == at + 1) {
                                throw new IllegalArgumentException("at " + at);
                            }
                            return v;
                        });
                        assertTrue(!throwing);
                        assertEquals(28, got);
                    } catch (IllegalArgumentException e) {
                        assertTrue(throwing);
                        assertEquals("at " + at, e.getMessage());
                    }
                }
                return null;
            });
        }
        runAll(tasks);
    }

    @Test
    void closingWhileOtherThreadsUseIt() throws Exception {
        for (int round = 0; round < 50; round++) {
            AsmMath.Buffer shared = new AsmMath.Buffer(4096);
            AtomicInteger refused = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(THREADS);
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                final boolean closer = t == 0;
                tasks.add(() -> {
                    start.countDown();
                    start.await();
                    for (int i = 0; i < 200; i++) {
                        if (closer && i == 50) {
                            shared.close();
                        }
                        try {
                            assertEquals(4096, shared.length());
                            assertEquals(0, shared.asByteBuffer().get(4095));
                        } catch (IllegalStateException e) {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            runAll(tasks);
            assertTrue(shared.isClosed());
            assertTrue(refused.get() > 0);
        }
    }
}
