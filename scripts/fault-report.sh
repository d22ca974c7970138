#!/usr/bin/env bash
# Runs every fault scenario against the real server jar and writes docs/fault-report.md: scenario,
# what was injected, requests acknowledged, bytes verified, bytes lost (must be 0), errors returned
# to clients by code, time to recover. Each scenario is a bounded loop on loopback.
# Usage: scripts/fault-report.sh [scenario…]  (disk-full catalog-full fsync-eio short-io bit-rot kill-9;
# default all). FAULT_PORT_BASE (default 9420) moves the servers' ports. Needs python3 with boto3; disk-full and catalog-full
# mount a small tmpfs and so need root; the fiu scenarios need fiu-run and fiu-ctrl (Debian fiu-utils).
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
[ -f api/target/coffer-exec.jar ] || mvn -q -DskipTests package
OUT=docs/fault-report.md
{
  echo "# Fault report"
  echo
  echo "Made by \`scripts/fault-report.sh $*\` on $(date -u +%Y-%m-%d) at commit $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with local changes)'),"
  echo "on $(nproc) cores. Every figure below comes from that run; run the script to reproduce it."
  echo
  python3 scripts/fault_report.py "$PWD/api/target/coffer-exec.jar" "$WORK" "$@"
  cat <<'TXT'

How to read it: "bytes verified" are acknowledged objects read back with the MD5 the client
computed; "bytes lost" are acknowledged bytes that did not read back (must be 0). A refused write
is not acknowledged: on a full disk it is answered 503 ServiceUnavailable ("the server's disk is
full … the write was not stored") before its body is read. With no reserve, RocksDB itself meets
the full disk: its WAL write fails, it stops accepting changes (its "background error"), each
change is answered 503 saying the disk is full, `/_coffer/health` lists the problem and
`coffer_catalog_writes_stopped` is 1; reads go on; RocksDB did not resume by itself once room
returned (RocksJava has no `DB::Resume`): a restart did, with nothing acknowledged lost. A GET of
a chunk whose block CRC fails is aborted mid-stream (the client sees a truncated response, never
a wrong byte) and the chunk is moved to `chunks-store/quarantine/`. The libfiu rows run the
server under `fiu-run -x` and switch a failure point on and off with `fiu-ctrl` while it serves:
a failing fsync fails that PUT with 500 InternalError and its chunk is discarded (never retried
on the same descriptor); a short write() is written again from where it stopped. The kill -9
figures are small when the machine is loaded (the runs shared 2 cores with other builds).

Shown by tests rather than by this script: a flipped bit in a small object held in a RocksDB
table file is a 500 InternalError, never its bytes, and the scrub's VerifyChecksum reports it; a
WAL cut short opens with a gap-free prefix of whole records; a missing table file refuses to open
naming it (metadata CatalogFaultTest). Not covered: power loss with unsynced data dropped for the
catalogue's write kinds (storage-engine PowerLossTest models it for the chunk protocol only; kill
-9 keeps the page cache), `dmsetup` error/flakey targets.
TXT
} | tee "$OUT.new"
mv "$OUT.new" "$OUT"
