#!/usr/bin/env bash
# C-FIND-style query latency (p50/p95) over a generated index of N instances (default 1,000,000),
# on the embedded H2 and on a throwaway PostgreSQL 15 cluster. In process: SQL, decoding, data set
# building; no network. Results are printed and written to /tmp/linnea-index-bench-*.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-1000000}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
mvn -B -q -Dstyle.color=never -Dlinnea.skipFuzz=true -pl linnea-index -am verify -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest=IndexQueryBench -Dlinnea.bench.rows="$ROWS" -Dsurefire.redirectTestOutputToFile=false -DargLine="-Xmx4g -Dlinnea.bench.rows=$ROWS" 2>&1 \
  | grep -v '^\[INFO\]' || true
cat "${TMPDIR:-/tmp}"/linnea-index-bench-*.md
