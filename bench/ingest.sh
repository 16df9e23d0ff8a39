#!/usr/bin/env bash
# Ingest of N CT instances (512x512, ~525 kB each, one study) with DCMTK's storescu, 1 and 8
# parallel associations, into: Linnea (./linnea serve), Orthanc 1.10 from Debian (own process and
# config in /tmp, other ports) and DCMTK's storescp (writes files, no fsync). Each run starts from
# an empty archive. Prints wall time, instances/s and MB/s.
# Usage: bench/ingest.sh [N=2000]
# For each number of associations the three receivers run back to back (storescp, Orthanc,
# Linnea), so that they share the machine's load of the moment. Linnea runs with a 512 MB heap
# (LINNEA_JAVA_OPTS, default -Xmx512m). PROFILE=1 records a JFR profile of each Linnea run
# (settings=profile) into $WORK/linnea-P.jfr; `jfr view hot-methods` and `jfr print --events
# jdk.FileForce` show where the time went.
# WARMUP=W (default 0) first sends W other instances (their own UIDs), untimed, to every receiver
# just started, with the same number of associations: the steady state of a server that has been
# running, rather than a fresh JVM compiling its hot code during the timed run. Applied to all
# receivers alike; the figures say which was used.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-2000}"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow" TCP_NODELAY=1
SRC="/tmp/linnea-bench/dump-$N"
WORK="/tmp/linnea-bench/ingest"
PORT_BASE="${PORT_BASE:-24100}"

if [[ ! -f "$SRC/ct$(printf %05d "$N").dcm" ]]; then
  mvn -B -q -Dstyle.color=never -f "$ROOT/pom.xml" -Pbench -pl linnea-bench -am package -DskipTests -Dlinnea.skipFuzz=true
  echo "making $N CT files (512x512) in $SRC" >&2
  "$JAVA_HOME/bin/java" -cp "$ROOT/linnea-bench/target/benchmarks.jar" org.linnea.bench.SyntheticFiles ct "$SRC" "$N"
fi
"$ROOT/linnea" --version >/dev/null
mapfile -t FILES < <(ls "$SRC"/ct*.dcm)
MB=$(du -sm "$SRC" | cut -f1)
WARMUP="${WARMUP:-0}"
WARM_FILES=()
if (( WARMUP > 0 )); then
  WSRC="/tmp/linnea-bench/warmup-$WARMUP"
  if [[ ! -f "$WSRC/ct$(printf %05d "$WARMUP").dcm" ]]; then
    echo "making $WARMUP warm-up CT files in $WSRC" >&2
    "$JAVA_HOME/bin/java" -cp "$ROOT/linnea-bench/target/benchmarks.jar" org.linnea.bench.SyntheticFiles ct "$WSRC" "$WARMUP"
  fi
  mapfile -t WARM_FILES < <(ls "$WSRC"/ct*.dcm)
fi

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_port() { for _ in $(seq 1 300); do (echo >/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 not open" >&2; return 1; }

# storescu over P parallel associations, the files in the array named LIST dealt round-robin.
storescu_all() { # aet port P LIST tag
  local aet=$1 port=$2 p=$3 tag=$5 i rc=0 pids=()
  local -n list=$4
  for ((i = 0; i < p; i++)); do
    local part=()
    for ((k = i; k < ${#list[@]}; k += p)); do part+=("${list[k]}"); done
    storescu -aet BENCH -aec "$aet" 127.0.0.1 "$port" "${part[@]}" >"$WORK/$tag-$aet-$i.log" 2>&1 &
    pids+=($!)
  done
  for q in "${pids[@]}"; do wait "$q" || rc=1; done
  [[ $rc == 0 ]] || echo "storescu reported errors for $aet (see $WORK/$tag-$aet-*.log)" >&2
}

# The warm-up instances (untimed), then all files timed; prints seconds.
send() { # aet port P
  local s e
  (( ${#WARM_FILES[@]} == 0 )) || storescu_all "$1" "$2" "$3" WARM_FILES warmup
  s=$(date +%s.%N)
  storescu_all "$1" "$2" "$3" FILES storescu
  e=$(date +%s.%N)
  echo "$e - $s" | bc -l
}

row() { printf '| %s | %d | %.1f s | %.0f instances/s | %.0f MB/s |\n' "$1" "$2" "$3" "$(echo "$N / $3" | bc -l)" "$(echo "$MB / $3" | bc -l)"; }

rm -rf "$WORK"; mkdir -p "$WORK"
echo "| receiver | parallel associations | time | rate | throughput |"
echo "|---|---|---|---|---|"

LINNEA_JAVA_OPTS="${LINNEA_JAVA_OPTS:--Xmx512m}"
for P in ${ASSOCS:-1 8}; do
  echo "  load average before P=$P: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  # DCMTK storescp (one process per association with --fork; writes files, no fsync)
  rm -rf "$WORK/storescp"; mkdir -p "$WORK/storescp"
  storescp --fork -aet STORESCP -od "$WORK/storescp" "$((PORT_BASE + 1))" >"$WORK/storescp.log" 2>&1 &
  SP=$!; PIDS+=("$SP"); wait_port "$((PORT_BASE + 1))"
  t=$(send STORESCP "$((PORT_BASE + 1))" "$P"); row "DCMTK storescp 3.6.7 (files, no fsync)" "$P" "$t"
  kill "$SP"; wait "$SP" 2>/dev/null || true

  # DCMTK storescp --ignore: receives and answers, stores nothing (the network and protocol bound)
  storescp --fork --ignore -aet STORESCP "$((PORT_BASE + 6))" >"$WORK/storescp-ignore.log" 2>&1 &
  SP=$!; PIDS+=("$SP"); wait_port "$((PORT_BASE + 6))"
  t=$(send STORESCP "$((PORT_BASE + 6))" "$P"); row "DCMTK storescp 3.6.7 --ignore (stores nothing)" "$P" "$t"
  kill "$SP"; wait "$SP" 2>/dev/null || true

  # Orthanc 1.10 from Debian (SQLite index, files; default settings otherwise)
  O="$WORK/orthanc"; rm -rf "$O"; mkdir -p "$O"
  cat >"$O/config.json" <<JSON
{ "Name": "bench", "StorageDirectory": "$O/storage", "IndexDirectory": "$O/index", "DicomAet": "ORTHANC",
  "DicomPort": $((PORT_BASE + 2)), "HttpPort": $((PORT_BASE + 3)), "RemoteAccessAllowed": false, "AuthenticationEnabled": false,
  "DicomCheckCalledAet": false, "DicomThreadsCount": 8, "StorageCompression": false, "Plugins": [], "SaveJobs": false }
JSON
  Orthanc "$O/config.json" >"$O/orthanc.log" 2>&1 &
  OP=$!; PIDS+=("$OP"); wait_port "$((PORT_BASE + 2))"
  t=$(send ORTHANC "$((PORT_BASE + 2))" "$P"); row "Orthanc 1.10.1 (Debian)" "$P" "$t"
  kill "$OP"; wait "$OP" 2>/dev/null || true

  # Linnea: every instance forced to disk (file and directory) and indexed before its response
  L="$WORK/linnea"; rm -rf "$L"; mkdir -p "$L"
  export LINNEA_STORAGE_PATH="$L/data" LINNEA_DICOM_PORT=$((PORT_BASE + 4)) LINNEA_HTTP_PORT=$((PORT_BASE + 5)) LINNEA_DICOM_BIND_ADDRESS=127.0.0.1 LINNEA_HTTP_BIND_ADDRESS=127.0.0.1
  JFR=""
  [[ "${PROFILE:-0}" == 1 ]] && JFR="-XX:StartFlightRecording=filename=$WORK/linnea-$P.jfr,settings=profile"
  LINNEA_JAVA_OPTS="$LINNEA_JAVA_OPTS $JFR" "$ROOT/linnea" serve >"$L/serve.log" 2>&1 &
  LP=$!; PIDS+=("$LP"); wait_port "$LINNEA_HTTP_PORT"; wait_port "$LINNEA_DICOM_PORT"
  t=$(send LINNEA "$LINNEA_DICOM_PORT" "$P"); row "Linnea (./linnea serve, H2 embedded)" "$P" "$t"
  kill "$LP"; wait "$LP" 2>/dev/null || true
  echo "  verify: $(LINNEA_JAVA_OPTS="$LINNEA_JAVA_OPTS" "$ROOT/linnea" verify 2>/dev/null | tail -1)" >&2
  s=$(date +%s.%N); LINNEA_JAVA_OPTS="$LINNEA_JAVA_OPTS" "$ROOT/linnea" reindex >"$L/reindex.log" 2>&1; e=$(date +%s.%N)
  echo "  reindex: $(tail -1 "$L/reindex.log") (wall $(printf %.1f "$(echo "$e - $s" | bc -l)") s incl. JVM start)" >&2
done
echo "($N files, $MB MB, warm-up $WARMUP instances per receiver, $(nproc) cores, load average at the end: $(cut -d" " -f1-3 /proc/loadavg))"
