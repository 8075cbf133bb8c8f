#!/usr/bin/env bash
# The java suite runs JUnit 5 through its console launcher, fetched once into ~/.m2.
set -euo pipefail
command -v mvn >/dev/null || { echo "mvn not found: the Java backend's tests will be skipped" >&2; exit 0; }
jar=~/.m2/repository/org/junit/platform/junit-platform-console-standalone/1.10.2/junit-platform-console-standalone-1.10.2.jar
[ -f "$jar" ] || mvn -q -B dependency:get -Dartifact=org.junit.platform:junit-platform-console-standalone:1.10.2
