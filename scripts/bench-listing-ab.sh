#!/usr/bin/env bash
# Listing at scale, two builds side by side (see docs/benchmarks.md, issue 23): fills one catalogue of N
# objects (as scripts/bench-listing-http.sh does), copies it, starts jar A on one copy and jar B on the
# other, and runs ListingHttpBenchmark's pages and walk against A, then B, round after round, so that the
# machine's noise falls on both alike (A first in odd rounds, B first in even ones); prints each round and the medians of p50 and walk rate per case.
# Usage: scripts/bench-listing-ab.sh A.jar B.jar [objects] [rounds]   (defaults: 1000000 objects, 3 rounds)
# Env: APORT / BPORT (9332 / 9333); FILLED=dir keeps the filled catalogue there (filled once, copied on
# later runs: the fill is most of a short run); CLIENT=raw fetches the pages without the SDK (see RawLister).
# Copy jars aside first: api/target is rebuilt by others.
# Each case also shows the server's CPU per page (utime+stime from /proc, see CpuMeter), the measure that
# holds still on a loaded machine.
set -euo pipefail
cd "$(dirname "$0")/.."
A=$1; B=$2; N=${3:-1000000}; ROUNDS=${4:-3}
PORTS=(${APORT:-9332} ${BPORT:-9333})
WORK=$(mktemp -d /tmp/coffer-listing-ab-XXXXXX)
. scripts/bench/listing-classpath.sh
. scripts/bench/listing-servers.sh
filled "$A" "${PORTS[0]}" "$WORK/a"
cp -a "$WORK/a" "$WORK/b"
start "$A" "${PORTS[0]}" "$WORK/a"
start "$B" "${PORTS[1]}" "$WORK/b"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$ROUNDS"); do
  # A, B, then B, A: on a machine whose load drifts, the side that goes first is not always the same
  order="0 1"; [ $((round % 2)) = 0 ] && order="1 0"
  for side in $order; do
    echo "round $round side $([ $side = 0 ] && echo A || echo B)"
    bench bench "${PORTS[$side]}" "$N" 1 "${PIDS[$side]}" "${CLIENT:-sdk}" | tee -a "$WORK/out$side"
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$WORK/out0" "$WORK/out1" "$(basename "$A")" "$(basename "$B")" <<'PY'
import re, statistics, sys
def read(path):
    cases = {}
    for line in open(path):
        m = re.match(r"\s+(\S+ \S+)\s+\d+ entries\s+p50\s+([\d.]+) ms", line)
        if m: cases.setdefault(m[1], []).append(float(m[2]))
        m = re.search(r"= ([\d,]+) keys/s", line)
        if m: cases.setdefault("walk keys/s", []).append(float(m[1].replace(",", "")))
        m = re.search(r"server CPU\s+([\d,]+) us/page", line)
        if m:
            case = re.match(r"\s+(\S+ \S+)", line)[1]
            cases.setdefault(("walk" if case == "full walk:" else case) + " cpu us", []).append(float(m[1].replace(",", "")))
    return cases
a, b = read(sys.argv[1]), read(sys.argv[2])
print(f"{'case':<18} {'A median':>10} {'B median':>10} {'B/A':>6}   (A={sys.argv[3]}, B={sys.argv[4]}; p50 ms of each round, walk keys/s)")
for case in a:
    am, bm = statistics.median(a[case]), statistics.median(b[case])
    print(f"{case:<18} {am:>10.2f} {bm:>10.2f} {bm / am:>6.2f}   A: {a[case]}  B: {b[case]}")
PY
