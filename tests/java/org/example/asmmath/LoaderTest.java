package org.example.asmmath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** The JNI library loads from the jar, also in a second class loader (each gets its own copy). */
class LoaderTest {
    @Test
    void propertyName() {
        assertEquals("org.example.asmmath.library.path", AsmMath.LIBRARY_PATH_PROPERTY);
        assertEquals("1.0.0", AsmMath.VERSION);
    }

    @Test
    void loadsInAnotherClassLoader() throws Exception {
        URL location = AsmMath.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader other = new URLClassLoader(new URL[] {location}, null)) {
            Class<?> again = Class.forName(AsmMath.class.getName(), true, other);
            assertNotSame(AsmMath.class, again);
            Method add = again.getMethod("addInts", long.class, long.class);
            assertEquals(5L, add.invoke(null, 2L, 3L));
            Method crc = again.getMethod("crc32", byte[].class);
            assertEquals(AsmMath.crc32(new byte[] {1, 2, 3}), crc.invoke(null, (Object) new byte[] {1, 2, 3}));
        }
    }
}
