#!/usr/bin/env bash
# The java suite runs JUnit 5 through its console launcher, fetched once into ~/.m2. The release check
# (`asmpkg package --verify`, suite package-java) runs `mvn -o test` in a fresh project: `javatool.py prefetch`
# fetches what that needs once (maven-resources-plugin 3.3.1, maven-compiler-plugin 3.13.0,
# maven-surefire-plugin 3.2.5 with its JUnit Platform provider, junit-jupiter 5.10.2; about 13 MB).
set -euo pipefail
command -v mvn >/dev/null || { echo "mvn not found: the Java backend's tests will be skipped" >&2; exit 0; }
jar=~/.m2/repository/org/junit/platform/junit-platform-console-standalone/1.10.2/junit-platform-console-standalone-1.10.2.jar
[ -f "$jar" ] || mvn -q -B dependency:get -Dartifact=org.junit.platform:junit-platform-console-standalone:1.10.2
surefire=~/.m2/repository/org/apache/maven/surefire/surefire-junit-platform/3.2.5
jupiter=~/.m2/repository/org/junit/jupiter/junit-jupiter-engine/5.10.2
if [ ! -d "$surefire" ] || [ ! -d "$jupiter" ]; then
  python3 bindings/java/javatool.py prefetch
fi
