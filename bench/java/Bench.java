import hand.HandJni;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import org.example.asmmath.AsmMath;

/**
 * Per-call cost of addInts and crc32 on 64 bytes, and crc32 throughput on 1 MiB: AsmMath (the generated binding)
 * next to C calling libmath.a directly (bench_c, run in the same invocation), a hand-written JNI binding, and
 * the JDK's own implementation. run.sh runs it on JDK 17 (the JNI path) and, when there is one, on a JDK 22+ (the
 * FFM path of the multi-release jar). Each number is the best of many short timed rounds after a JIT warm-up (the
 * best is the least disturbed by other work on the machine); C runs before and after the Java rounds.
 *
 * <p>usage: java -cp asmmath.jar:classes -Dhand.library=libhand_jni.so Bench path/to/bench_c
 */
public final class Bench {
    private static final int ROUNDS = 25;
    private static volatile long sink;

    private interface Body {
        long run(int n);
    }

    private static double nsPerOp(int n, Body body) {
        for (int i = 0; i < 3; i++) {
            sink += body.run(n); // warm-up: compiled by C2 before the timed rounds
        }
        double best = Double.MAX_VALUE;
        for (int r = 0; r < ROUNDS; r++) {
            long t0 = System.nanoTime();
            sink += body.run(n);
            best = Math.min(best, (double) (System.nanoTime() - t0) / n);
        }
        return best;
    }

    private static Map<String, Double> baseline(String program) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(program).redirectErrorStream(true).start();
        Map<String, Double> out = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] cols = line.trim().split("\\s+");
                out.put(cols[0], Double.parseDouble(cols[1]));
            }
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException(program + " failed");
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        java.lang.reflect.Method implementation = AsmMath.class.getDeclaredMethod("implementation");
        implementation.setAccessible(true); // package-private: "jni", or "ffm" from the jar's versions/22 class
        System.out.println("Java " + Runtime.version() + ": AsmMath takes the " + implementation.invoke(null) + " path");
        Map<String, Double> c = baseline(args[0]);
        byte[] small = new byte[64];
        for (int i = 0; i < small.length; i++) {
            small[i] = (byte) i;
        }
        byte[] big = new byte[1 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 131 + 7);
        }
        ByteBuffer smallDirect = ByteBuffer.allocateDirect(64).put(small).flip();
        ByteBuffer bigDirect = ByteBuffer.allocateDirect(big.length).put(big).flip();
        if (AsmMath.crc32(big) != HandJni.crc32(0, big, 0, big.length)) {
            throw new AssertionError("bindings disagree");
        }

        final int addN = 4_000_000;
        final int crcN = 1_000_000;
        final int bigN = 40;
        double addAsm = nsPerOp(addN, n -> {
            long s = 0;
            for (int i = 0; i < n; i++) {
                s += AsmMath.addInts(s, i);
            }
            return s;
        });
        double addHand = nsPerOp(addN, n -> {
            long s = 0;
            for (int i = 0; i < n; i++) {
                s += HandJni.addInts(s, i);
            }
            return s;
        });
        double addJava = nsPerOp(addN, n -> {
            long s = 0;
            for (int i = 0; i < n; i++) {
                s += s + i;
            }
            return s;
        });
        double crcAsm = nsPerOp(crcN, n -> {
            long s = 0;
            for (int i = 0; i < n; i++) {
                s += AsmMath.crc32(small);
            }
            return s;
        });
        double crcAsmChained = nsPerOp(crcN, n -> {
            int s = 0;
            for (int i = 0; i < n; i++) {
                s = AsmMath.crc32(s, small, 0, 64);
            }
            return s;
        });
        double crcAsmDirect = nsPerOp(crcN, n -> {
            long s = 0;
            for (int i = 0; i < n; i++) {
                s += AsmMath.crc32(smallDirect);
            }
            return s;
        });
        double crcHand = nsPerOp(crcN, n -> {
            int s = 0;
            for (int i = 0; i < n; i++) {
                s = HandJni.crc32(s, small, 0, 64);
            }
            return s;
        });
        CRC32 zip = new CRC32();
        double crcJdk = nsPerOp(crcN, n -> {
            long s = 0;
            for (int i = 0; i < n; i++) {
                zip.reset();
                zip.update(small);
                s += zip.getValue();
            }
            return s;
        });
        double bigAsm = nsPerOp(bigN, n -> {
            long s = 0;
            for (int i = 0; i < n; i++) {
                s += AsmMath.crc32(big);
            }
            return s;
        });
        double bigAsmDirect = nsPerOp(bigN, n -> {
            long s = 0;
            for (int i = 0; i < n; i++) {
                s += AsmMath.crc32(bigDirect);
            }
            return s;
        });
        double bigJdk = nsPerOp(bigN, n -> {
            long s = 0;
            for (int i = 0; i < n; i++) {
                zip.reset();
                zip.update(big);
                s += zip.getValue();
            }
            return s;
        });

        // the machine may be busy: C runs before and after the Java rounds, and each number is its best
        baseline(args[0]).forEach((k, v) -> c.merge(k, v, Math::min));
        double cAdd = c.get("add_ints");
        double cCrc = c.get("crc32_64");
        double cBig = c.get("crc32_1MiB");
        System.out.println("per call (ns; best of " + ROUNDS + " rounds)        ns/call   vs C");
        row("addInts    C, libmath.a directly", cAdd, cAdd);
        row("           AsmMath.addInts", addAsm, cAdd);
        row("           hand-written JNI", addHand, cAdd);
        row("           pure Java (s + i)", addJava, cAdd);
        row("crc32 64 B C, libmath.a directly", cCrc, cCrc);
        row("           AsmMath.crc32(byte[])", crcAsm, cCrc);
        row("           AsmMath.crc32(crc, byte[], off, len)", crcAsmChained, cCrc);
        row("           AsmMath.crc32(direct ByteBuffer)", crcAsmDirect, cCrc);
        row("           hand-written JNI", crcHand, cCrc);
        row("           java.util.zip.CRC32", crcJdk, cCrc);
        System.out.println();
        System.out.println("crc32 1 MiB (GB/s)                                GB/s   of C");
        tput("C, libmath.a directly", cBig, cBig);
        tput("AsmMath.crc32(byte[])", bigAsm, cBig);
        tput("AsmMath.crc32(direct ByteBuffer)", bigAsmDirect, cBig);
        tput("java.util.zip.CRC32", bigJdk, cBig);
        System.out.println();
        System.out.printf(Locale.ROOT, "targets: addInts within 4x of C: %.1fx %s; crc32 64 B (chained, as C runs it) within 3.5x of C: %.2fx %s;"
                + " 1 MiB at least 95%% of C: %.0f%% %s%n",
                addAsm / cAdd, addAsm / cAdd <= 4 ? "met" : "MISSED",
                crcAsmChained / cCrc, crcAsmChained / cCrc <= 3.5 ? "met" : "MISSED",
                100 * cBig / bigAsm, cBig / bigAsm >= 0.95 ? "met" : "MISSED");
        System.out.printf(Locale.ROOT, "generated vs hand-written JNI: addInts %.2fx, crc32 64 B %.2fx%n",
                addAsm / addHand, crcAsmChained / crcHand);
        if (sink == 42) {
            System.out.println();
        }
    }

    private static void row(String what, double ns, double c) {
        System.out.printf(Locale.ROOT, "  %-46s %7.2f  %5.2fx%n", what, ns, ns / c);
    }

    private static void tput(String what, double ns, double c) {
        System.out.printf(Locale.ROOT, "  %-46s %5.2f  %4.0f%%%n", what, (1 << 20) / ns, 100 * c / ns);
    }
}
