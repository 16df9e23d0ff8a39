#!/usr/bin/env bash
# DICOMweb benchmarks (issue 5). Usage: bench/dicomweb.sh [qido|wado|all] [ROWS=1000000] [SLICES=960]
#  qido: QIDO-RS /studies latency (p50/p95) over HTTP at ROWS generated index instances
#        (linnea-web's QidoHttpBench: generator of bench/index-query.sh, DicomWeb on Jetty, java.net.http).
#  wado: a synthetic CT study of SLICES 512x512 slices (~525 kB each; 960 ≈ 500 MB) and a 600-slice
#        CT, stored in Linnea (./linnea import, then ./linnea serve) and in Orthanc 1.10 with the
#        DICOMweb plugin 1.7 from Debian (own process, config in /tmp, other ports); WADO-RS study
#        retrieval (multipart/related; type="application/dicom", best of 5, curl to /dev/null) and
#        study metadata (best and median of 10) from both.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WHAT="${1:-all}"
ROWS="${2:-1000000}"
SLICES="${3:-960}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
WORK=/tmp/linnea-bench/dicomweb
PORT_BASE="${PORT_BASE:-24300}"
LPORT=$((PORT_BASE + 1)); OPORT=$((PORT_BASE + 2)); ODICOM=$((PORT_BASE + 3))

if [[ "$WHAT" == qido || "$WHAT" == all ]]; then
  mvn -B -q -Dstyle.color=never -f "$ROOT/pom.xml" -Dlinnea.skipFuzz=true -pl linnea-web -am verify -Dsurefire.failIfNoSpecifiedTests=false \
    -Dtest=QidoHttpBench -Dlinnea.bench.rows="$ROWS" -Dsurefire.redirectTestOutputToFile=false -DargLine="-Xmx4g -Dlinnea.bench.rows=$ROWS" 2>&1 | grep -v '^\[INFO\]' || true
  cat "${TMPDIR:-/tmp}/linnea-qido-bench.md"
fi
[[ "$WHAT" == wado || "$WHAT" == all ]] || exit 0

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
wait_http() { for _ in $(seq 1 600); do curl -sf -o /dev/null "$1" && return 0; sleep 0.2; done; echo "$1 not answering" >&2; return 1; }

mkdir -p "$WORK"
STUDY_DIR="$WORK/study-$SLICES"; CT600="$WORK/ct-600"
if [[ ! -f "$STUDY_DIR/ct$(printf %05d "$SLICES").dcm" || ! -f "$CT600/ct00600.dcm" ]]; then
  mvn -B -q -Dstyle.color=never -f "$ROOT/pom.xml" -Pbench -pl linnea-bench -am package -DskipTests -Dlinnea.skipFuzz=true
  rm -rf "$STUDY_DIR" "$CT600"
  "$JAVA_HOME/bin/java" -cp "$ROOT/linnea-bench/target/benchmarks.jar" org.linnea.bench.SyntheticFiles ct "$STUDY_DIR" "$SLICES"
  "$JAVA_HOME/bin/java" -cp "$ROOT/linnea-bench/target/benchmarks.jar" org.linnea.bench.SyntheticFiles ct "$CT600" 600
fi
uid() { /usr/bin/python3 -c "import pydicom,sys; print(pydicom.dcmread(sys.argv[1], stop_before_pixels=True).StudyInstanceUID)" "$1"; }
BIG=$(uid "$STUDY_DIR/ct00001.dcm"); SMALL=$(uid "$CT600/ct00001.dcm")
MB=$(du -sm "$STUDY_DIR" | cut -f1)

# Linnea
rm -rf "$WORK/linnea-data"
export LINNEA_STORAGE_PATH="$WORK/linnea-data" LINNEA_HTTP_PORT=$LPORT LINNEA_HTTP_BIND_ADDRESS=127.0.0.1
"$ROOT/linnea" import "$STUDY_DIR" "$CT600" >/dev/null
# Every DICOMweb route needs a bearer token: a reader with an API key (Orthanc ignores the header).
"$ROOT/linnea" user add bench --role READER --password-stdin <<<"bench-password-not-secret" >/dev/null
KEY=$("$ROOT/linnea" user apikey bench | sed -n 's/.*(shown once): \(lnk_[^ ]*\).*/\1/p')
[[ -n "$KEY" ]] || { echo "no API key made" >&2; exit 1; }
AUTH="Authorization: Bearer $KEY"
"$ROOT/linnea" serve >"$WORK/linnea.log" 2>&1 & PIDS+=($!)
wait_http "http://127.0.0.1:$LPORT/health"

# Orthanc 1.10 + DICOMweb plugin, its own process and configuration
rm -rf "$WORK/orthanc-db"; mkdir -p "$WORK/orthanc-db"
cat >"$WORK/orthanc.json" <<JSON
{ "Name": "bench", "StorageDirectory": "$WORK/orthanc-db", "IndexDirectory": "$WORK/orthanc-db",
  "HttpPort": $OPORT, "DicomPort": $ODICOM, "RemoteAccessAllowed": false, "AuthenticationEnabled": false,
  "Plugins": ["/usr/share/orthanc/plugins/libOrthancDicomWeb.so"], "DicomWeb": { "Enable": true, "Root": "/dicom-web/" },
  "StorageCompression": false, "HttpCompressionEnabled": false, "ConcurrentJobs": 2 }
JSON
Orthanc "$WORK/orthanc.json" >"$WORK/orthanc.log" 2>&1 & PIDS+=($!)
wait_http "http://127.0.0.1:$OPORT/system"
ls "$STUDY_DIR"/*.dcm "$CT600"/*.dcm | xargs -P 4 -n 50 sh -c 'for f; do curl -sf -o /dev/null -X POST --data-binary @"$f" http://127.0.0.1:'"$OPORT"'/instances || echo "orthanc refused $f" >&2; done' sh

ACCEPT='Accept: multipart/related; type="application/dicom"; transfer-syntax=*'
best() { # url header runs -> best seconds and bytes
  local best=999999 bytes=0 t out
  for _ in $(seq 1 "$3"); do
    out=$(curl -s -o /dev/null -w '%{time_total} %{size_download} %{http_code}' -H "$AUTH" -H "$2" "$1")
    t=${out%% *}; bytes=$(echo "$out" | cut -d' ' -f2); code=${out##* }
    [[ "$code" == 200 ]] || { echo "$1 answered $code" >&2; }
    best=$(echo "if ($t < $best) $t else $best" | bc -l)
  done
  echo "$best $bytes"
}
stats() { # url header runs -> best and median seconds of the same runs
  local ts=()
  for _ in $(seq 1 "$3"); do ts+=("$(curl -s -o /dev/null -w '%{time_total}' -H "$AUTH" -H "$2" "$1")"); done
  printf '%s\n' "${ts[@]}" | sort -n | awk -v m=$(( ($3 + 1) / 2 )) 'NR == 1 { b = $1 } NR == m { md = $1 } END { print b, md }'
}
curl -s -o /dev/null -H "$AUTH" -H "$ACCEPT" "http://127.0.0.1:$LPORT/dicomweb/studies/$BIG"   # warm-up (page cache, JIT)
curl -s -o /dev/null -H "$ACCEPT" "http://127.0.0.1:$OPORT/dicom-web/studies/$BIG"
read -r LT LB < <(best "http://127.0.0.1:$LPORT/dicomweb/studies/$BIG" "$ACCEPT" 5)
read -r OT OB < <(best "http://127.0.0.1:$OPORT/dicom-web/studies/$BIG" "$ACCEPT" 5)
JSONH='Accept: application/dicom+json'
for _ in 1 2 3; do curl -s -o /dev/null -H "$AUTH" "http://127.0.0.1:$LPORT/dicomweb/studies/$SMALL/metadata"; curl -s -o /dev/null "http://127.0.0.1:$OPORT/dicom-web/studies/$SMALL/metadata"; done
read -r LM LMM < <(stats "http://127.0.0.1:$LPORT/dicomweb/studies/$SMALL/metadata" "$JSONH" 10)
read -r OM OMM < <(stats "http://127.0.0.1:$OPORT/dicom-web/studies/$SMALL/metadata" "$JSONH" 10)
echo
echo "WADO-RS study retrieval, $SLICES slices ($MB MB on disk), best of 5:"
echo "| server | time | bytes | throughput |"
echo "|---|---|---|---|"
printf '| Linnea | %.3f s | %s | %.0f MB/s |\n' "$LT" "$LB" "$(echo "$LB / 1048576 / $LT" | bc -l)"
printf '| Orthanc 1.10 + DICOMweb 1.7 | %.3f s | %s | %.0f MB/s |\n' "$OT" "$OB" "$(echo "$OB / 1048576 / $OT" | bc -l)"
printf '| **ratio Linnea / Orthanc** | **%.2f×** | | target ≥ 1.5× |\n' "$(echo "($LB / $LT) / ($OB / $OT)" | bc -l)"
echo
echo "Study metadata, 600-slice CT (best and median of 10 runs after 3 warm-ups):"
echo "| server | best | median |"
echo "|---|---|---|"
printf '| Linnea | %.0f ms | %.0f ms |\n' "$(echo "$LM * 1000" | bc -l)" "$(echo "$LMM * 1000" | bc -l)"
printf '| Orthanc 1.10 + DICOMweb 1.7 | %.0f ms | %.0f ms |\n' "$(echo "$OM * 1000" | bc -l)" "$(echo "$OMM * 1000" | bc -l)"
