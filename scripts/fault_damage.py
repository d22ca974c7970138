"""Damage at rest: bits flipped in chunk files and in a small object inside a RocksDB table file, chunk
files cut short, and a data directory left damaged (a missing chunk, a half-written temp file, a WAL
cut short) before a start. Rows for scripts/fault_report.py."""
import hashlib
import os
import re
import time

from botocore.exceptions import ClientError

from fault_lib import WORK, Server, Tally, row, wait_for


def code(e):
    return e.response["Error"]["Code"] if isinstance(e, ClientError) else type(e).__name__


def read_all(s3, bucket, tally):
    """(intact, refused, wrong) over every acknowledged object; refusals counted by code in tally.errors."""
    intact = refused = wrong = 0
    for key, (md5, size) in tally.acked.items():
        try:
            body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
            if hashlib.md5(body).hexdigest() == md5:
                intact += 1
            else:
                wrong += 1
        except Exception as e:
            refused += 1
            tally.errors[code(e)] += 1
    return intact, refused, wrong


def chunk_files(data):
    return sorted(p for p in (data / "chunks-store" / "chunks").rglob("*") if p.is_file())


def quarantined(data):
    return sum(1 for p in (data / "chunks-store" / "quarantine").rglob("*") if p.is_file())


def flip_inline(data, body):
    """Flips one bit of `body` where it lies in a catalogue table file; True if found."""
    needle = body[1000:1064]
    for sst in sorted((data / "catalog").glob("*.sst")):
        raw = bytearray(sst.read_bytes())
        at = raw.find(needle)
        if at >= 0:
            raw[at + 10] ^= 0x01
            sst.write_bytes(bytes(raw))
            return True
    return False


def started(name, port, bucket):
    """A server on a fresh data directory WORK/name with one bucket: (server, its data, client, tally)."""
    data = WORK / name
    server = Server(data, port).start()
    s3 = server.client()
    s3.create_bucket(Bucket=bucket)
    return server, data, s3, Tally()


def flip(path):
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 3] ^= 0x01
    path.write_bytes(bytes(raw))


def bit_rot(port):
    """Flip one bit in chunk files of stored objects while the server runs: no wrong byte may be served."""
    server, data, s3, tally = started("rot-data", port, "rot")
    try:
        for i in range(20):
            tally.put(s3, "rot", f"o{i}", os.urandom(256 * 1024 + i))
        chunks = chunk_files(data)
        flipped = chunks[::2]
        for path in flipped:
            flip(path)
        good, refused, wrong = read_all(s3, "rot", tally)
        row("bit rot in chunk files", f"one bit flipped in {len(flipped)} of {len(chunks)} chunk files",
            f"{len(tally.acked)} PUTs", f"{good} objects intact", f"wrong bytes served: {wrong}",
            tally.codes(), f"{refused} GETs aborted; {quarantined(data)} chunks quarantined")
    finally:
        server.stop()


def rot_scrub(port):
    """Bits flipped in chunk files and in an inline object, chunk files cut short: found by the scrub and on read."""
    server, data, s3, tally = started("scrub-data", port, "rot")
    inline = {}
    for i in range(20):
        tally.put(s3, "rot", f"chunked{i}", os.urandom(256 * 1024 + i))
    for i in range(10):
        body = os.urandom(4000)  # inline (under 32 KiB) and incompressible: stored as is in the table file
        tally.put(s3, "rot", f"inline{i}", body)
        inline[f"inline{i}"] = body
    server.stop()
    server.start()  # opening replays the WAL into a table file, where the inline bodies then lie
    server.stop()
    chunks = chunk_files(data)
    for path in chunks[0:10:2]:  # 5 flipped
        flip(path)
    for path in chunks[1:10:2]:  # 5 cut short
        os.truncate(path, path.stat().st_size // 2)
    flipped_inline = flip_inline(data, inline["inline3"])
    server.settings = (*server.settings, "--coffer.jobs.scrub-interval=2s")
    server.start()
    try:
        found = wait_for(lambda: (server.metric("coffer_scrub_corrupt_chunks_total") or 0) >= 10
                         and server.metric("coffer_catalog_corrupt") == 1, 120)
        by_scrub = int(server.metric("coffer_scrub_corrupt_chunks_total") or 0)
        catalog_flag = server.metric("coffer_catalog_corrupt")
        problems = server.health().get("problems", [])
        intact, refused, wrong = read_all(server.client(), "rot", tally)
        row("bit rot and cut chunks, found by the scrub",
            f"one bit flipped in 5 of {len(chunks)} chunk files, 5 more cut to half their length, one bit flipped in "
            f"a 4000-byte inline object inside a RocksDB table file ({'done' if flipped_inline else 'NOT FOUND'}); "
            f"then a start with scrub-interval 2 s and a GET of every object",
            f"{len(tally.acked)} PUTs", f"{intact} objects intact", f"wrong bytes served: {wrong}", tally.codes(),
            f"scrub {'found' if found else 'did NOT find within 120 s'}: {by_scrub} chunks quarantined "
            f"(coffer_scrub_corrupt_chunks_total), coffer_catalog_corrupt {catalog_flag}; {quarantined(data)} files in "
            f"quarantine/; {refused} GETs refused; health: {len(problems)} problem(s)"
            + (f" ({problems[0][:120]}…)" if problems else ""))
    finally:
        server.stop()


def damaged_start(port):
    """A start on a data directory with a missing chunk, a half-written temp chunk and a WAL cut short."""
    server, data, s3, tally = started("damaged-data", port, "dmg")
    for i in range(10):
        tally.put(s3, "dmg", f"chunked{i}", os.urandom(200 * 1024 + i))
        tally.put(s3, "dmg", f"inline{i}", os.urandom(2000 + i))
    in_flight = Tally()  # the last write, torn by the cut: as if power failed before its WAL sync returned
    in_flight.put(s3, "dmg", "in-flight", os.urandom(3000))
    server.stop()
    chunks = chunk_files(data)
    missing = chunks[0]
    temp = data / "chunks-store" / "tmp" / (missing.name + ".part")
    temp.write_bytes(missing.read_bytes()[: missing.stat().st_size // 2])  # a half-written temp chunk
    missing.unlink()
    wal = max((p for p in (data / "catalog").glob("*.log") if p.stat().st_size > 20), key=lambda p: p.stat().st_mtime)
    os.truncate(wal, wal.stat().st_size - 20)
    t0 = time.time()
    server.start()
    try:
        took = time.time() - t0
        temp_left = sum(1 for p in (data / "chunks-store" / "tmp").iterdir())
        # The chunk-audit's first pass runs on the job runner after the start (first tick: gc-interval, 10 s).
        reported = wait_for(lambda: (server.metric("coffer_chunks_missing") or 0) >= 1, 120)
        audit_took = time.time() - t0
        problems = server.health().get("problems", [])
        log = (WORK / f"server-{port}.log").read_text(errors="replace")
        said = re.findall(r"(?:WARN|ERROR) .*?(temp[^\n]{0,100}|WAL[^\n]{0,100}|missing[^\n]{0,100})", log)
        intact, refused, wrong = read_all(server.client(), "dmg", tally)
        torn = "present" if read_all(server.client(), "dmg", in_flight)[0] else "absent"
        row("start on a damaged data directory",
            f"{len(chunks)} chunk files, one deleted; a half-written temp chunk in tmp/; the newest WAL cut 20 bytes "
            f"short (its last record, the in-flight PUT's, torn)",
            f"{len(tally.acked)} PUTs (+1 in flight)", f"{intact} objects intact", f"wrong bytes served: {wrong}",
            tally.codes(),
            f"started in {took:.1f} s; temp files left: {temp_left}; the chunk-audit "
            + (f"reported {server.metric('coffer_chunks_missing'):.0f} missing chunk(s) {audit_took:.1f} s after the start"
               if reported else "reported NOTHING within 120 s")
            + f"; {refused} GET(s) refused (the object whose chunk is missing); in-flight object {torn}; "
            f"health: {problems or 'no problems'}; log: {said[:3] or 'nothing'}")
    finally:
        server.stop()
