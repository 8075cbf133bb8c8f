package hand;

/** A careful hand-written JNI binding of two libmath functions: the bar the generated one must meet. */
public final class HandJni {
    static {
        System.load(System.getProperty("hand.library"));
    }

    private HandJni() {
    }

    public static native long addInts(long a, long b);

    /** crc32 of data[off, off + len): a stack copy for small ranges, else a critical pin. */
    public static native int crc32(int crc, byte[] data, int off, int len);
}
