#!/usr/bin/env bash
# Whole-process comparison: `./linnea dump` over N CT files in one invocation against DCMTK's
# `dcmdump` over the same files in one invocation (JVM start-up included). Output to /dev/null.
# Usage: bench/dump-vs-dcmdump.sh [N=2000] [RUNS=5]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-2000}"
RUNS="${2:-5}"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow"
DIR="/tmp/linnea-bench/dump-$N"

mvn -B -q -Dstyle.color=never -f "$ROOT/pom.xml" -Pbench -pl linnea-bench -am package -DskipTests -Dlinnea.skipFuzz=true
if [[ ! -f "$DIR/ct$(printf %05d "$N").dcm" ]]; then
  echo "making $N CT files (512x512) in $DIR" >&2
  "$JAVA_HOME/bin/java" -cp "$ROOT/linnea-bench/target/benchmarks.jar" org.linnea.bench.SyntheticFiles ct "$DIR" "$N"
fi
"$ROOT/linnea" --version >/dev/null   # build the distribution and the class-data archive first

best() { # prints the best wall time in seconds of RUNS runs of the command
  local best=999999 t
  for ((i = 0; i < RUNS; i++)); do
    local s e
    s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc -l)
    if (( $(echo "$t < $best" | bc -l) )); then best=$t; fi
  done
  printf '%.3f' "$best"
}

cd "$DIR"
files=(ct*.dcm)
linnea=$(best "$ROOT/linnea" dump "${files[@]}")
dcmtk=$(best dcmdump "${files[@]}")
echo "files: ${#files[@]} (512x512 CT, $(du -sh . | cut -f1))"
echo "linnea dump: ${linnea} s   dcmdump: ${dcmtk} s   ratio dcmdump/linnea: $(echo "scale=2; $dcmtk / $linnea" | bc -l)"
