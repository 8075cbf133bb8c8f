package org.example.owned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Strings the caller frees in C are Java copies, and the glue frees each C string exactly once. */
class OwnedTest {
    private static final int THREADS = 8;
    private static final int CALLS = 1000;

    @Test
    void describeFreesWithFree() {
        assertEquals("n=7", Owned.describe(7));
        assertEquals("n=4294967295", Owned.describe((int) 4294967295L));
    }

    @Test
    void labelIsUtf8AndReleasedOnce() {
        long before = Owned.released();
        assertEquals("label 3 \u2713", Owned.label(3));
        assertEquals(before + 1, Owned.released());
        assertEquals("label 0 \u2713", Owned.label(0));
        assertEquals(before + 2, Owned.released());
    }

    @Test
    void noLabelIsNullAndNothingIsReleased() {
        long before = Owned.released();
        assertNull(Owned.label(-1));
        assertEquals(before, Owned.released());
    }

    @Test
    void eightThreadsReleaseEveryLabel() throws Exception {
        long before = Owned.released();
        CountDownLatch start = new CountDownLatch(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                final int id = t;
                futures.add(pool.submit(() -> {
                    start.countDown();
                    start.await();
                    for (int i = 0; i < CALLS; i++) {
                        int code = id * CALLS + i;
                        assertEquals("label " + code + " \u2713", Owned.label(code));
                    }
                    return null;
                }));
            }
            for (Future<Void> f : futures) {
                f.get(120, TimeUnit.SECONDS); // rethrows a failed assertion
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before + THREADS * CALLS, Owned.released());
    }

    @Test
    void theReleaserIsNotPublic() {
        for (Method method : Owned.class.getDeclaredMethods()) {
            if (method.getName().toLowerCase(Locale.ROOT).endsWith("release")) {
                throw new AssertionError("the binding declares " + method);
            }
            if (Modifier.isPublic(method.getModifiers())) {
                assertEquals(true, List.of("describe", "label", "released").contains(method.getName()),
                             "public " + method);
            }
        }
    }
}
