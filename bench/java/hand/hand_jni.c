/* The hand-written JNI glue HandJni.java declares. */
#include <jni.h>

#include "asmmath.h"

JNIEXPORT jlong JNICALL Java_hand_HandJni_addInts(JNIEnv *env, jclass cls, jlong a, jlong b)
{
    (void)env;
    (void)cls;
    return math_add_ints(a, b);
}

JNIEXPORT jint JNICALL Java_hand_HandJni_crc32(JNIEnv *env, jclass cls, jint crc, jbyteArray data, jint off, jint len)
{
    (void)cls;
    if (len <= 512) {
        jbyte copy[512];
        (*env)->GetByteArrayRegion(env, data, off, len, copy);
        return (jint)math_crc32((uint32_t)crc, (const uint8_t *)copy, (size_t)len);
    }
    uint8_t *pinned = (*env)->GetPrimitiveArrayCritical(env, data, NULL);
    if (pinned == NULL) {
        return 0;
    }
    uint32_t result = math_crc32((uint32_t)crc, pinned + off, (size_t)len);
    (*env)->ReleasePrimitiveArrayCritical(env, data, pinned, JNI_ABORT);
    return (jint)result;
}
