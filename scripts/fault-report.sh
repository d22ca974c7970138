#!/usr/bin/env bash
# Runs every fault scenario against the real server jar and writes docs/fault-report.md: scenario,
# what was injected, requests acknowledged, bytes verified, bytes lost (must be 0), errors returned
# to clients by code, time to recover. Each scenario is a bounded loop on loopback.
# Usage: scripts/fault-report.sh [scenario…]  (disk-full catalog-full fsync-eio short-io write-eio read-eio bit-rot
# rot-scrub damaged-start kill-9; default all). FAULT_PORT_BASE (default 9420) moves the servers' ports. Needs python3
# with boto3; disk-full and catalog-full mount a small tmpfs and so need root; the fiu scenarios need fiu-run and
# fiu-ctrl (Debian fiu-utils). The scenarios live in scripts/fault_report.py, fault_io.py and fault_damage.py.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(mktemp -d)
OUT=docs/fault-report.md
trap 'rm -rf "$WORK" "$OUT.new"' EXIT  # a failed run leaves neither its servers' data nor a partial report
# A jar older than any main source (a rebase, a checkout) would be reported as this commit's: rebuild it.
JAR=api/target/coffer-exec.jar
if [ ! -f "$JAR" ] || [ -n "$(find auth metadata storage-engine cluster api -path '*/src/main/*' -newer "$JAR" -print -quit)" ]; then
  mvn -q -DskipTests package
fi
{
  echo "# Fault report"
  echo
  echo "Made by \`scripts/fault-report.sh${*:+ $*}\` on $(date -u +%Y-%m-%d) at commit $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with local changes)'),"
  echo "on $(nproc) cores. Every figure below comes from that run; run the script to reproduce it."
  echo
  python3 scripts/fault_report.py "$PWD/api/target/coffer-exec.jar" "$WORK" "$@"
  cat <<'TXT'

How to read it: "bytes verified" are acknowledged objects read back with the MD5 the client
computed; "bytes lost" are acknowledged bytes that did not read back (must be 0). A refused write
is not acknowledged: on a full disk it is answered 503 ServiceUnavailable ("the server's disk is
full … the write was not stored") before its body is read. With no reserve (`catalog-full`),
RocksDB itself meets the full disk. It preallocates each WAL file (fallocate of the smaller of
1.1 x the write buffer and the WriteBufferManager's 32 MiB), so after `dd` leaves 0 bytes free it
still acknowledges changes into that room (durably: the room is the file's; the row's restart
reads every one back) until a memtable switch opens a WAL that gets no room, which is why the
row writes ~3 KiB records until refused. Then its WAL write fails, it stops accepting changes (its
"background error"), each change is answered 503 saying the disk is full, `/_coffer/health` lists
the problem and `coffer_catalog_writes_stopped` is 1; reads go on. RocksDB does not resume by
itself and RocksJava has no `DB::Resume`, so the catalogue probes for room every 0.5 s (a fsynced
file as large as its WAL plus 1 MiB) and, once it fits, closes and reopens RocksDB in-process
behind a gate that every read, scan and commit passes (`coffer_catalog_reopens` counts it); the
WAL replays every acknowledged change. Another I/O error that stops RocksDB (an EIO in a flush,
compaction or WAL write, which RocksDB treats as fatal and never resumes from) is handled the same
way: health says the catalogue reopens by itself, the probe is retried with a period doubling up
to 30 s, and a reopen that fails leaves RocksDB open read-only so reads go on (metadata
`CatalogStopRecoveryTest`: a flush failing with an I/O error while another process holds the
LOCK file, so the first reopens fail and reads go on read-only, then both no longer). Damaged data
found by a flush or compaction (corruption) stops writes for good: no reopen is tried, and health
says a restart meets the same damage. A GET of a chunk whose block CRC fails is aborted
mid-stream (the client sees a truncated response, never a wrong byte) and the chunk is moved to
`chunks-store/quarantine/`; a later GET of it is a 500 saying the data is missing. The libfiu
rows run the server under `fiu-run -x` and switch a failure point on and off with `fiu-ctrl`
while it serves: a failing fsync fails that PUT with 500 InternalError and its chunk is discarded
(never retried on the same descriptor); a short write() is written again from where it stopped;
`write()` failing with EIO is limited to chunk files by libfiu's stack condition (the failure
point fires only under Java's `FileDispatcherImpl.write0`, so RocksDB's, the log's and the
sockets' writes go on; the server preloads libnio so that libfiu can find that symbol). A read of
a chunk file failing with EIO (`pread()` under `FileDispatcherImpl.pread0`, so RocksDB's reads go
on) is handled as a failed CRC: the GET is aborted (or refused with 500 before its first byte),
no byte of the failed block is sent, the chunk is moved to `quarantine/` and counted
(`coffer_chunk_read_errors_total`, and a line in health); a single node has no other copy, so that
object's later GETs are 500 saying its data is missing; in a cluster the GET goes on from another
replica at the same offset and the replica audit and re-replication copy a good one back (api
`FailoverChunkReaderTest` with a real store failing its reads; compat `ClusterRepairIT` repairs a
quarantined replica). A bit
flipped in a small object inside a RocksDB table file is a 500 for the objects in that block,
never their bytes, and the scrub's `VerifyChecksum` shows it in health (`coffer_catalog_corrupt`);
the server still starts on it (the orphan sweep at start, which cannot read that block, deletes
nothing and the start goes on). The kill -9 figures are small when the machine is loaded.

Also shown by tests (`mvn verify`): the catalogue's reopen after a full disk with a reader
getting and listing throughout (metadata `CatalogSpaceRecoveryTest`, RocksDB's own space limit
as the full disk); a WAL cut short opens with a gap-free prefix of whole records and a missing
table file refuses to open naming it (metadata `CatalogFaultTest`); a start on a missing chunk, a
half-written temp chunk and a WAL cut short, with the `chunk-audit` naming the missing chunk in
health and `coffer_chunks_missing` (compat `DamagedStartIT`); an EIO on a chunk file's read through
the store's read seam (storage-engine `ReadErrorTest`, api `ChunkReadErrorTest`);
power loss dropping every unsynced byte and directory entry for the chunk protocol
(storage-engine `PowerLossTest`; `PowerLossWriteKindsTest`: SSE-encrypted chunks written in the
upload path's 256 KiB stage pieces, multipart parts written side by side; `PowerLossReceiveTest`:
replicas received from a peer, among them a second transfer of a chunk that the first had renamed
in but not yet made durable, which was acknowledged and lost before the fix), for every object
write through the real services with each catalogue command counted as a durability point and a
start (orphan sweep, GC) after each cut (api `PowerLossObjectWritesTest`: chunked and SSE PUTs, a
PUT superseding a version, CopyObject, a delete marker, a versioned delete, a bucket made and
deleted, a GC step; `PowerLossMultipartTest`: parts, a part sent again, UploadPartCopy, a
completion leaving a part out, an abort, a GC step; a cut before each of their 43 and 48
durability points: every acknowledged write reads back whole, the write in flight whole or
absent, no chunk file left that nothing names), and for every catalogue command kind (multipart completion,
puts and copies, versioned deletes, bucket deletes, the GC queue, the event outbox, job cursors,
and the rest) a power cut modelled as a WAL kept up to any byte at or after the last synced
record, with junk after it or not: it opens to exactly the acknowledged commands (metadata
`CatalogPowerLossTest`; a cut during a flush or compaction is not modelled). A start looks for
missing chunks without waiting for them: the `chunk-audit` job's first pass runs at the first job
tick (`coffer.gc-interval`, 10 s) and checks that every chunk the catalogue names is on disk at its
size, at most 5000 a second; until it has passed, a GET of such an object is already a 500 saying
its data is missing. Not covered: an EIO on read in a running cluster is shown by tests, not by a
row here (the script runs single nodes); `dmsetup` error/flakey targets: this machine's kernel has no
device-mapper (`dmsetup targets` as root: `/dev/mapper/control: open failed: No such device`,
`Failure to communicate with kernel device-mapper driver`; no `device-mapper` in /proc/misc, no
`dm_mod` in /sys/module and no modules to load; loop devices work).
TXT
} | tee "$OUT.new"
mv "$OUT.new" "$OUT"
