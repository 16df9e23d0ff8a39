#!/usr/bin/env bash
# Storage throughput of linnea-net against DCMTK, measured in the same run on the same files.
#
#   bench/net-store.sh [N] [RUNS]
#
# Makes N (default 2000) CT-sized instances (512x512x16 bit, ~0.5 MB, explicit VR little endian)
# in $LINNEA_BENCH_DATA (default /tmp/linnea-bench-ct) unless they exist, then times, with 1 and 8
# parallel associations:
#   server side: DCMTK storescu -> `linnea receive --discard`  vs  storescu -> `storescp --ignore`
#   client side: `linnea send` -> `storescp --ignore`        vs  storescu -> `storescp --ignore`
# Each figure is the median of RUNS (default 3) runs after one untimed warm-up, wall clock, JVM
# start included for `linnea send` (through the ./linnea launcher); `linnea receive` runs with the
# full JIT (-XX:TieredStopAtLevel=4, the launcher's default is C1 for short commands) and -Xmx256m. Ratios are DCMTK time / Linnea time: >= 1.0 means Linnea is as fast or faster.
# Appends the results, with the commands, to docs/benchmarks.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-2000}"
RUNS="${2:-3}"
DATA="${LINNEA_BENCH_DATA:-/tmp/linnea-bench-ct}"
export TCP_NODELAY=1   # Debian's DCMTK otherwise waits 40 ms per message (Nagle)

if [[ ! -d "$DATA" || "$(find "$DATA" -name '*.dcm' | wc -l)" -lt "$N" ]]; then
  echo "bench: writing $N instances to $DATA" >&2
  /usr/bin/python3 "$ROOT/bench/make-ct-instances.py" "$DATA" "$N"
fi
mapfile -t FILES < <(find "$DATA" -name '*.dcm' | sort | head -n "$N")

"$ROOT/linnea" --version >/dev/null   # builds the distribution if needed

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 200); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.05; done; echo "bench: nothing listens on $1" >&2; return 1; }

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

DCMTK_PORT="$(free_port)"
storescp --ignore -aet STORESCP "$DCMTK_PORT" >/tmp/linnea-bench-storescp.log 2>&1 &
PIDS+=($!)
LINNEA_PORT="$(free_port)"
LINNEA_JAVA_OPTS="-XX:TieredStopAtLevel=4 -Xmx256m" "$ROOT/linnea" receive "$LINNEA_PORT" --aet LINNEA --discard >/tmp/linnea-bench-serve.log 2>&1 &
PIDS+=($!)
wait_port "$DCMTK_PORT"; wait_port "$LINNEA_PORT"

now() { date +%s.%N; }

# storescu_parallel PORT AEC PAR: PAR storescu processes, each with a share of the files
storescu_parallel() {
  local port=$1 aec=$2 par=$3 i pids=()
  for ((i = 0; i < par; i++)); do
    local part=()
    for ((j = i; j < ${#FILES[@]}; j += par)); do part+=("${FILES[j]}"); done
    storescu -q -aec "$aec" 127.0.0.1 "$port" "${part[@]}" &
    pids+=($!)
  done
  local rc=0
  for p in "${pids[@]}"; do wait "$p" || rc=1; done
  return $rc
}

linnea_send() { # PORT AEC PAR
  "$ROOT/linnea" send 127.0.0.1 "$1" --aec "$2" --parallel "$3" "$DATA" >/tmp/linnea-bench-send.log 2>&1
}

elapsed() { local t0 t1; t0=$(now); "$@"; t1=$(now); echo "$t1 - $t0" | bc -l; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]}'; }

# One untimed warm-up of each scenario (page cache; the server JVM's JIT, as a long-running server
# would be), then runs interleaved (DCMTK, Linnea, DCMTK, ...) so that a busy machine weighs on both.
storescu_parallel "$DCMTK_PORT" STORESCP 1
storescu_parallel "$LINNEA_PORT" LINNEA 1
linnea_send "$DCMTK_PORT" STORESCP 1
declare -A T
for par in 1 8; do
  a=(); b=(); c=()
  for ((r = 0; r < RUNS; r++)); do
    a+=("$(elapsed storescu_parallel "$DCMTK_PORT" STORESCP "$par")")
    b+=("$(elapsed storescu_parallel "$LINNEA_PORT" LINNEA "$par")")
    c+=("$(elapsed linnea_send "$DCMTK_PORT" STORESCP "$par")")
  done
  T[scu_dcmtk_$par]=$(median "${a[@]}")
  T[scu_linnea_$par]=$(median "${b[@]}")
  T[send_dcmtk_$par]=$(median "${c[@]}")
done

ratio() { echo "scale=2; $1 / $2" | bc -l; }
rate() { echo "scale=0; $N / $1" | bc -l; }
CPU="$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
{
  echo
  echo "### net-store, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD)"
  echo
  echo "$N instances of $(du -k "${FILES[0]}" | cut -f1) KB (CT 512x512, explicit VR LE), $(nproc) cores ($CPU), loopback, median of $RUNS interleaved runs, load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Command: \`bench/net-store.sh $N $RUNS\` (DCMTK $(storescu --version | head -1 | sed 's/.*v\([0-9.]*\).*/\1/'), TCP_NODELAY=1)."
  echo
  echo "| scenario | associations | DCMTK (s) | Linnea (s) | Linnea instances/s | ratio DCMTK/Linnea |"
  echo "|---|---|---|---|---|---|"
  for par in 1 8; do
    echo "| server: storescu -> storescp --ignore vs -> linnea receive --discard | $par | ${T[scu_dcmtk_$par]} | ${T[scu_linnea_$par]} | $(rate "${T[scu_linnea_$par]}") | $(ratio "${T[scu_dcmtk_$par]}" "${T[scu_linnea_$par]}") |"
  done
  for par in 1 8; do
    echo "| client: storescu vs linnea send --parallel $par, -> storescp --ignore | $par | ${T[scu_dcmtk_$par]} | ${T[send_dcmtk_$par]} | $(rate "${T[send_dcmtk_$par]}") | $(ratio "${T[scu_dcmtk_$par]}" "${T[send_dcmtk_$par]}") |"
  done
} | tee -a "$ROOT/docs/benchmarks.md"
