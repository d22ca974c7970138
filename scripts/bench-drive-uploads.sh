#!/usr/bin/env bash
# How long the drive takes to upload a picked folder (300 small files; 3 files of 40 MiB), A/B
# interleaved in one run against one server: the drive's files of git revision A and of this
# worktree (B) served to the browser by ui-tests/bench-folder-upload.mjs, each on a port of its own
# (PORT_BASE + 2, + 3, …, origins the server grants the drive's CORS to), so only the page differs;
# more directories of the drive's files (C, D, …) may follow.
# Usage: scripts/bench-drive-uploads.sh A-REV [ROUNDS] [KINDS] [DIR ...]   (defaults 3, small,large)
# Env: JAR (api/target/coffer-*.jar), PORT_BASE (9480: S3 there, the drive on the next port).
# Needs Chromium and ui-tests' npm packages, as the browser ITs.
set -euo pipefail
cd "$(dirname "$0")/.."
REV=${1:?usage: scripts/bench-drive-uploads.sh A-REV [ROUNDS] [KINDS] [DIR ...]}
export ROUNDS=${2:-3} KINDS=${3:-small,large}; P=${PORT_BASE:-9480}
shift $(( $# < 3 ? $# : 3 ))
JAR=${JAR:-api/target/coffer-exec.jar}
W=$(mktemp -d)
PID=
cleanup() {
  [ -n "$PID" ] && { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }
  rm -rf "$W"
}
trap cleanup EXIT
mkdir -p "$W/a"
git archive "$REV" api/src/main/resources/coffer-ui | tar -x -C "$W/a"
java -Xmx512m -jar "$JAR" --server.port="$P" --coffer.ui.port=$((P + 1)) --coffer.data-dir="$W/data" \
  --coffer.ui.origin="$(for i in 1 2 3 4 5 6; do echo http://127.0.0.1:$((P + i)); done | paste -sd,),http://localhost:$((P + 1))" \
  --coffer.access-key=BENCHKEY --coffer.secret-key=BENCHSECRET > "$W/server.log" 2>&1 &
PID=$!
for _ in $(seq 240); do curl -s -o /dev/null "http://127.0.0.1:$P/" && break; sleep 0.5; done
curl -s -o /dev/null "http://127.0.0.1:$((P + 1))/" || { cat "$W/server.log"; exit 1; }
echo "server up; A = $REV, B = this worktree ($(git rev-parse --short HEAD)$(git diff --quiet -- api/src/main/resources/coffer-ui || echo ' + changes'))"
VARIANT_PORT=$((P + 2)) node ui-tests/bench-folder-upload.mjs "http://localhost:$((P + 1))/" BENCHKEY BENCHSECRET bench \
  "$W/a/api/src/main/resources/coffer-ui" "$PWD/api/src/main/resources/coffer-ui" "$@"
