# Sourced by the listing scripts after listing-classpath.sh, with WORK set: bench runs ListingHttpBenchmark;
# start starts a jar on a data directory (its pid appended to PIDS); stop (also on exit, which removes WORK)
# stops them; filled makes a data directory whose bucket "bench" holds N objects — copied from $FILLED when
# that exists, else filled (and kept there if set).
PIDS=()
stop() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; PIDS=(); }
trap 'stop; rm -rf "$WORK"' EXIT
bench() { java -Xmx1g -cp "$CP" dev.coffer.compat.bench.ListingHttpBenchmark "$@"; }
start() { # jar port data-dir
  java ${JAVA_OPTS:-} -jar "$1" --server.port="$2" --coffer.ui.port=-1 --coffer.data-dir="$3" \
    --coffer.access-key=BENCHKEY --coffer.secret-key=BENCHSECRET >> "$3.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 240); do curl -s -o /dev/null "http://127.0.0.1:$2/" && return; sleep 0.5; done
  cat "$3.log"; exit 1
}
filled() { # jar port data-dir
  if [ -n "${FILLED:-}" ] && [ -d "$FILLED" ]; then
    cp -a "$FILLED" "$3"
  else
    start "$1" "$2" "$3"
    bench create "$2"
    stop
    bench fill "$3" "$N"
    if [ -n "${FILLED:-}" ]; then cp -a "$3" "$FILLED"; fi
  fi
}
