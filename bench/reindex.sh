#!/usr/bin/env bash
# Reindex speed: a store of N CT objects (512x512, ~525 kB each, studies of 200 instances) is
# written straight into the store layout, then `./linnea reindex` rebuilds the index from it, on
# the embedded H2 and, when PG=1, on a throwaway PostgreSQL cluster (initdb/pg_ctl as user
# postgres, port PG_PORT). Each reindex runs twice (the second with the store in the page cache).
# Prints the reindex's own report (objects/s, without JVM start) and the wall time.
# Usage: bench/reindex.sh [N=10000]   (PG=1 to add PostgreSQL; THREADS=n header-reading threads)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-10000}"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow"
WORK="${WORK:-/tmp/linnea-bench-reindex}"
STORE="$WORK/data/store"
export LINNEA_JAVA_OPTS="${LINNEA_JAVA_OPTS:--Xmx512m}"
[[ -n "${THREADS:-}" ]] && export LINNEA_LIMITS_WORKER_THREADS="$THREADS"

if [[ ! -f "$WORK/store-$N.done" ]]; then
  mvn -B -q -Dstyle.color=never -f "$ROOT/pom.xml" -Pbench -pl linnea-bench -am package -DskipTests -Dlinnea.skipFuzz=true
  rm -rf "$WORK"; mkdir -p "$STORE"
  echo "writing $N CT objects into $STORE" >&2
  "$JAVA_HOME/bin/java" -cp "$ROOT/linnea-bench/target/benchmarks.jar" org.linnea.bench.SyntheticFiles store "$STORE" "$N"
  touch "$WORK/store-$N.done"
fi
"$ROOT/linnea" --version >/dev/null
export LINNEA_STORAGE_PATH="$WORK/data"

run() { # label
  local s e
  for k in 1 2; do
    s=$(date +%s.%N); "$ROOT/linnea" reindex >"$WORK/reindex.log" 2>&1 || { cat "$WORK/reindex.log" >&2; return 1; }; e=$(date +%s.%N)
    echo "| $1 | run $k | $(grep 'linnea: reindex: [0-9]* objects,' "$WORK/reindex.log" | tail -1 | sed 's/linnea: reindex: //') | wall $(printf %.1f "$(echo "$e - $s" | bc -l)") s |"
  done
}

echo "| index | | reindex report | wall time incl. JVM start |"
echo "|---|---|---|---|"
rm -rf "$WORK/data/index"
run "H2 (embedded)"

if [[ "${PG:-0}" == 1 ]]; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PGDATA="$WORK/pg"; PG_PORT="${PG_PORT:-25432}"
  rm -rf "$PGDATA"; mkdir -p "$PGDATA"; chown postgres "$PGDATA"
  runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA" -A trust -U postgres >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -o "-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1" -l "$PGDATA/log" -w start >/dev/null
  trap 'runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null' EXIT
  runuser -u postgres -- "$PGBIN/createdb" -h 127.0.0.1 -p "$PG_PORT" linnea
  export LINNEA_INDEX_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/linnea" LINNEA_INDEX_USER=postgres LINNEA_INDEX_PASSWORD=""
  run "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}')"
fi
echo "($N objects, $(du -sm "$STORE" | cut -f1) MB, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
