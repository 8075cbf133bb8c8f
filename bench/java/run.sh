#!/bin/sh
# The Java benchmark: bench/java/run.sh [BUILD_DIR], after `asmpkg build` (BUILD_DIR defaults to build/).
# Builds the C baseline and a hand-written JNI binding against libmath.a, then runs Bench.java, which prints
# every number and the ratios, measured in the same run: on the default JDK (17: the JNI path), on it again with
# the incubating linker enabled (JDK 17's trivial downcalls), and on the newest JDK 22+ that
# bindings/java/javatool.py jdks finds (the jar's FFM path), if any.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
out="$build/bench-java"
jar="$build/java/asmmath.jar"
[ -f "$jar" ] || { echo "no $jar: run asmpkg build first" >&2; exit 1; }
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
mkdir -p "$out"
cc -O2 -I"$root/include" "$here/bench_c.c" "$build/libmath.a" -o "$out/bench_c"
cc -O2 -shared -fPIC -I"$java_home/include" -I"$java_home/include/linux" -I"$root/include" \
   "$here/hand/hand_jni.c" "$build/libmath.a" -Wl,--exclude-libs,ALL -o "$out/libhand_jni.so"
javac --release 17 -cp "$jar" -d "$out/classes" "$here/Bench.java" "$here/hand/HandJni.java"
"$java_home/bin/java" -Dhand.library="$out/libhand_jni.so" -cp "$jar:$out/classes" Bench "$out/bench_c"
if "$java_home/bin/java" -version 2>&1 | grep -q 'version "17\.'; then
    echo
    "$java_home/bin/java" --add-modules jdk.incubator.foreign --enable-native-access=ALL-UNNAMED \
        -Dhand.library="$out/libhand_jni.so" -cp "$jar:$out/classes" Bench "$out/bench_c"
fi
for home in $(python3 "$root/bindings/java/javatool.py" jdks); do
    feature=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ "${feature:-0}" -ge 22 ] 2>/dev/null; then
        echo
        exec "$home/bin/java" --enable-native-access=ALL-UNNAMED -Dhand.library="$out/libhand_jni.so" \
            -cp "$jar:$out/classes" Bench "$out/bench_c"
    fi
done
echo
echo "no JDK 22 or newer found: the FFM path was not measured"
