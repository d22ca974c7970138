#!/usr/bin/env bash
# Where Coffer's peak resident memory goes under scripts/bench-http.sh (issue 23): runs the bench
# with Coffer alone, Native Memory Tracking and a GC log on, samples the server every 2 s (VmRSS,
# VmHWM) and, at each new maximum, saves `jcmd VM.native_memory summary`, `jcmd GC.heap_info`,
# /proc/<pid>/smaps, the JVM's buffer-pool metrics and RocksDB's (coffer_catalog_memory_bytes); then prints the parts at the largest sample.
# Usage: scripts/bench-rss.sh OUTDIR [runs] [seconds-per-wrk-run]   (defaults: 1 round of 10 s)
# Env: as bench-http.sh (JAR, JAVA_OPTS, COFFER_ARGS, CASES, CPORT default 9320); the case the
# peak came in is the first line of OUTDIR/bench.log stamped at or after the peak's sample.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=$1; RUNS=${2:-1}; SECS=${3:-10}
CPORT=${CPORT:-9320}
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)

poll() { # bounded: 1800 samples of 2 s
  local pid="" max=0 rss dd
  for _ in $(seq 600); do pid=$(pgrep -f -- "--server.port=$CPORT" | head -1 || true); [ -n "$pid" ] && break; sleep 0.5; done
  [ -n "$pid" ] || return 0
  for _ in $(seq 1800); do
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null) || break
    [ -n "$rss" ] || break
    echo "$(date +%s) $rss $(awk '/VmHWM/ {print $2}' "/proc/$pid/status") $(cut -d' ' -f1 /proc/loadavg)" >> "$OUT/rss.log"
    if [ "$rss" -gt $((max + 4096)) ]; then
      max=$rss
      # smaps first: jcmd takes seconds on a loaded machine, and a shrink can come in between
      cat "/proc/$pid/smaps" > "$OUT/smaps.tmp" 2>/dev/null || true
      { jcmd "$pid" VM.native_memory summary; jcmd "$pid" GC.heap_info; } > "$OUT/peak.tmp" 2>/dev/null || true
      dd=$(tr '\0' '\n' < "/proc/$pid/cmdline" | sed -n 's/^--coffer.data-dir=//p')
      curl -s -m 3 -H "Authorization: Bearer $(cat "$dd/metrics-token" 2>/dev/null)" \
        "http://127.0.0.1:$CPORT/_coffer/metrics" | grep -E "^jvm_buffer_(count|memory_used).*direct|^coffer_catalog_memory_bytes" >> "$OUT/peak.tmp" || true
      mv "$OUT/peak.tmp" "$OUT/peak.txt"; mv "$OUT/smaps.tmp" "$OUT/smaps.txt"
    fi
    sleep 2
  done
}
rm -f "$OUT/rss.log"
poll & POLL=$!
SERVERS=coffer CPORT=$CPORT \
  JAVA_OPTS="-XX:NativeMemoryTracking=summary -Xlog:gc*,gc+ergo+heap=debug:file=$OUT/gc.log:uptime ${JAVA_OPTS:-}" \
  scripts/bench-http.sh "$RUNS" "$SECS" 2>&1 | while IFS= read -r l; do echo "$(date +%s) $l"; done | tee "$OUT/bench.log"
wait $POLL || true

python3 - "$OUT" <<'PY'
import re, sys
d = sys.argv[1]
txt = open(f"{d}/peak.txt").read()
def nmt(name):
    m = re.search(r"-\s+" + re.escape(name) + r" \(reserved=\d+KB, committed=(\d+)KB", txt)
    return int(m[1]) / 1024 if m else 0.0
total = int(re.search(r"Total: reserved=\d+KB, committed=(\d+)KB", txt)[1]) / 1024
lo, hi = (int(x, 16) for x in re.search(r"garbage-first heap.*\[0x([0-9a-f]+), 0x([0-9a-f]+)\)", txt).groups())
rss = heap = 0; start = 0
for line in open(f"{d}/smaps.txt"):
    m = re.match(r"^([0-9a-f]+)-[0-9a-f]+ ", line)
    if m: start = int(m[1], 16)
    elif line.startswith("Rss:"):
        kb = int(line.split()[1]); rss += kb
        if lo <= start < hi: heap += kb
rss /= 1024; heap /= 1024
named = [("GC", "GC structures"), ("Metaspace", "metaspace"), ("Class", "class space"), ("Code", "code cache"),
         ("Shared class space", "CDS archive"), ("Thread", "thread stacks"), ("Compiler", "JIT compiler"),
         ("Other", "direct buffers (NMT Other)"), ("Symbol", "symbols")]
print(f"at the largest sample (MiB): RSS {rss:.0f}; Java heap resident {heap:.0f} of {nmt('Java Heap'):.0f} committed")
for key, label in named: print(f"  {label}: {nmt(key):.0f}")
rest = total - nmt("Java Heap") - sum(nmt(k) for k, _ in named)
print(f"  rest of NMT (arena chunks, internal, NMT itself): {rest:.0f}")
print(f"  not tracked by NMT (RocksDB, glibc arenas, native libraries): {(rss - heap) - (total - nmt('Java Heap')):.0f}")
def rocks(prop):
    m = re.search(r'^coffer_catalog_memory_bytes\{property="' + re.escape(prop) + r'"} ([0-9.eE+-]+)$', txt, re.M)
    return float(m[1]) / 2**20 if m else float("nan")
print(f"    of which RocksDB by its own count: block cache {rocks('rocksdb.block-cache-usage'):.0f} (memtables "
      f"{rocks('rocksdb.cur-size-all-mem-tables'):.0f} charged in it, pinned {rocks('rocksdb.block-cache-pinned-usage'):.0f})"
      f" + table readers {rocks('rocksdb.estimate-table-readers-mem'):.0f}")
m = re.search(r'^jvm_buffer_count_buffers\{id="direct"} ([0-9.eE+]+)', txt, re.M)
if m: print(f"  direct buffers by the JVM's count: {float(m[1]):.0f}")
PY
