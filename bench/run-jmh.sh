#!/usr/bin/env bash
# JMH benchmarks of the DICOM core (header parse, full parse), with allocation per operation.
# Usage: bench/run-jmh.sh [JMH options, e.g. -f 1 -wi 2 -i 3]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow"
mvn -B -q -Dstyle.color=never -f "$ROOT/pom.xml" -Pbench -pl linnea-bench -am package -DskipTests -Dlinnea.skipFuzz=true
exec "$JAVA_HOME/bin/java" -jar "$ROOT/linnea-bench/target/benchmarks.jar" ParseBenchmark -prof gc "$@"
