"""Failing I/O under a running server, injected with Debian's libfiu (fiu-run -x, fiu-ctrl): a failing
fsync, short writes, and write() failing with EIO for chunk files only. Rows for scripts/fault_report.py."""
import os
import pathlib
import shutil
import subprocess
import threading
import time

from fault_damage import quarantined, read_all
from fault_lib import JAR, WORK, Load, Server, Tally, after_restart, row, wait_for

# The JNI function under which Java's FileChannel.write calls write(2): chunk files are written so,
# while RocksDB (its own C++ writes), the log (FileOutputStream) and Netty's sockets (its own JNI)
# are not. libfiu finds it by name in the call stack only if its library's symbols are global, so
# the server preloads libnio (libfiu's enable_stack_by_name resolves the name with dlsym).
CHUNK_WRITE = "Java_sun_nio_ch_FileDispatcherImpl_write0"
# The same for reads: the chunk reader's positional FileChannel.read calls pread(2) under this one.
CHUNK_READ = "Java_sun_nio_ch_FileDispatcherImpl_pread0"


def fiu(server, command):
    out = subprocess.run(["fiu-ctrl", "-c", command, str(server.proc.pid)], capture_output=True, text=True)
    if out.returncode != 0 or "error" in (out.stdout + out.stderr).lower():  # fiu-ctrl exits 0 on a refused command
        raise RuntimeError(f"fiu-ctrl {command!r}: {out.stdout}{out.stderr}")


def java_home():
    return pathlib.Path(os.path.realpath(shutil.which("java"))).parent.parent


class Reader:
    """Reads back acknowledged objects and lists the bucket while a fault is on: what must keep working."""

    def __init__(self, s3, tally, bucket):
        self.ok = self.failed = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(s3, tally, bucket))
        self.thread.start()

    def _run(self, s3, tally, bucket):
        for i in range(100000):
            if self.stop.is_set():
                return
            with tally.lock:
                keys = list(tally.acked)
            try:
                if i % 2 and keys:
                    s3.get_object(Bucket=bucket, Key=keys[i % len(keys)])["Body"].read()
                else:
                    s3.list_objects_v2(Bucket=bucket, MaxKeys=50)
                self.ok += 1
            except Exception:
                self.failed += 1

    def finish(self):
        self.stop.set()
        self.thread.join()
        return f"{self.ok} GETs/listings during the fault, {self.failed} failed"


def injected(port, name, label, failpoint, sizes, enable, wrapper=("fiu-run", "-x"), seconds=4):
    """libfiu: `enable` (a fiu-ctrl command) makes `failpoint` fail while 4 clients write; then disabled."""
    if not shutil.which("fiu-run"):
        row(name, "not run: fiu-run (Debian fiu-utils) missing", "", "", "", "", "")
        return
    data = WORK / f"{name.replace(' ', '-')}-data"
    server = Server(data, port, "--coffer.jobs.sweep-min-age=1s", wrapper=list(wrapper)).start()
    try:
        s3, tally = server.client(), Tally()
        s3.create_bucket(Bucket="fiu")
        load = Load(s3, tally, "fiu", sizes, "f")
        time.sleep(2)
        reader = Reader(server.client(), tally, "fiu")
        fiu(server, enable)
        began = time.time()
        time.sleep(seconds)
        fiu(server, f"disable name={failpoint}")
        healed = time.time()
        during = load.accepted_between(began, healed)
        reads = reader.finish()
        recovery = load.first_accepted_after(healed, wait=20)
        time.sleep(1)
        load.finish()
        problems = server.health().get("problems", [])
        temp = sum(1 for p in (data / "chunks-store" / "tmp").rglob("*") if p.is_file())
        ok, lost = tally.verify(s3, "fiu")
        ok2, lost2 = after_restart(server, tally, "fiu")
        row(name, f"{label} for {seconds} s while 4 clients write "
                  f"{'/'.join(str(x // 1024) + ' KiB' for x in sizes)} objects",
            f"{len(tally.acked)} PUTs", f"{ok} (after a restart: {ok2})", f"{lost} (after a restart: {lost2})",
            tally.codes(),
            ("first PUT accepted %.1f s after the fault was disabled, no restart" % recovery
             if recovery is not None else "writes NOT accepted within 20 s of the fault ending: restart needed")
            + f"; during the fault: PUTs acknowledged by size {dict(sorted(during.items())) or 'none'}, {reads}; temp chunks left: {temp}; health: {problems or 'no problems'}")
    finally:
        server.stop()


def fsync_eio(port):
    point = "posix/io/sync/fsync"
    injected(port, "failing fsync", f"fsync fails (libfiu `{point}`, probability 0.5, errno EIO)", point,
             [200 * 1024, 300 * 1024], f"enable_random name={point},probability=0.5,failinfo=5")


def short_io(port):
    point = "posix/io/rw/write/reduce"
    injected(port, "short writes", f"write() writes only part of what it was asked (libfiu `{point}`, probability 0.5)",
             point, [200 * 1024, 4096], f"enable_random name={point},probability=0.5,failinfo=5")


def with_libnio():
    """fiu-run -x with libnio preloaded, so that libfiu's stack condition can name its JNI functions."""
    lib = java_home() / "lib"
    return ["fiu-run", "-x", "sh", "-c",
            f'LD_LIBRARY_PATH="{lib}/server:{lib}" LD_PRELOAD="$LD_PRELOAD {lib}/libnio.so" exec "$@"', "sh"]


def write_eio(port):
    """Every write(2) of a chunk file fails with EIO; inline objects, reads and listings must go on."""
    point = "posix/io/rw/write"
    preload = with_libnio()
    injected(port, "failing chunk writes",
             f"every write() of a chunk file fails with EIO (libfiu `{point}` under `{CHUNK_WRITE}` in the stack, "
             f"errno EIO); objects of 4 KiB are inline in RocksDB (no chunk file)", point, [200 * 1024, 4096],
             f"enable_stack_by_name name={point},func_name={CHUNK_WRITE},pos_in_stack=-1,failinfo=5", wrapper=preload)


def unpacked_jar():
    """The server as plain files on a class path: the jar's own loader reads its nested jars with positional
    FileChannel reads (pread0 too), which the read fault would break; the JDK's reads jars with read(2)."""
    where = WORK / "unpacked-jar"
    if not where.exists():
        subprocess.run(["unzip", "-q", JAR, "-d", str(where)], check=True)
    manifest = (where / "META-INF" / "MANIFEST.MF").read_text()
    main = next(line.split(":", 1)[1].strip() for line in manifest.splitlines() if line.startswith("Start-Class:"))
    return ["java", "-cp", f"{where}/BOOT-INF/classes:{where}/BOOT-INF/lib/*", main]


def read_eio(port):
    """pread(2) of chunk files fails with EIO while some objects are read: each such GET is aborted, its chunk
    quarantined and counted, and everything else (other objects, inline ones, writes) goes on."""
    point = "posix/io/rw/pread"
    name = "failing chunk reads"
    if not shutil.which("fiu-run"):
        row(name, "not run: fiu-run (Debian fiu-utils) missing", "", "", "", "", "")
        return
    data = WORK / "read-eio-data"
    server = Server(data, port, wrapper=with_libnio())
    server.java = unpacked_jar()
    server.start()
    try:
        s3, tally = server.client(), Tally()
        s3.create_bucket(Bucket="read-eio")
        for i in range(30):
            tally.put(s3, "read-eio", f"chunked{i:02}", os.urandom(300 * 1024 + i))  # chunk files of 5 blocks
            tally.put(s3, "read-eio", f"inline{i:02}", os.urandom(4096))  # in RocksDB: its reads are not under pread0
        # The scrub's first pass (at the first job tick) reads every chunk: let it end before the fault, or it
        # meets the fault too and quarantines the chunks it reads then (as it should).
        chunked = sum(size for key, (_, size) in tally.acked.items() if key.startswith("chunked"))
        scrubbed = wait_for(lambda: (server.metric("coffer_scrub_read_bytes_total") or 0) >= chunked, 180)
        hit = {k: v for k, v in tally.acked.items() if k.startswith("chunked") and int(k[7:]) < 10}
        rest = {k: v for k, v in tally.acked.items() if k not in hit}
        fiu(server, f"enable_stack_by_name name={point},func_name={CHUNK_READ},pos_in_stack=-1,failinfo=5")
        during = Tally()
        during.acked = hit
        _, aborted, wrong_during = read_all(s3, "read-eio", during)
        written = sum(tally.put(s3, "read-eio", f"during{i}", os.urandom(100 * 1024)) for i in range(5))
        fiu(server, f"disable name={point}")
        errors = int(server.metric("coffer_chunk_read_errors_total") or 0)
        problems = server.health().get("problems", [])
        after = Tally()
        after.acked = {k: v for k, v in tally.acked.items() if k not in hit}
        intact, refused_rest, wrong_rest = read_all(s3, "read-eio", after)
        again = Tally()
        again.acked = hit
        _, refused_hit, wrong_hit = read_all(s3, "read-eio", again)
        row(name,
            f"every pread() of a chunk file fails with EIO (libfiu `{point}` under `{CHUNK_READ}` in the stack, "
            f"errno EIO) while {len(hit)} of 30 chunked objects (300 KiB) are read and 5 more are written; "
            f"30 objects of 4 KiB are inline in RocksDB; then the fault is off and every object is read"
            + ("" if scrubbed else " (the scrub's first pass had NOT ended before the fault)"),
            f"{len(tally.acked)} PUTs ({written} of 5 during the fault)",
            f"{intact} objects intact (all {len(rest) + written} not read during the fault)",
            f"wrong bytes served: {wrong_during + wrong_rest + wrong_hit}; the {len(hit)} objects read during the fault: "
            f"their chunks quarantined (a single node has no other copy; with a replica the GET goes on from it)",
            f"during the fault: {during.codes()}; after it: {again.codes()}",
            f"{aborted} GETs refused or aborted, {quarantined(data)} chunks in quarantine/, coffer_chunk_read_errors_total "
            f"{errors}; other GETs refused: {refused_rest}; health: {len(problems)} problem(s)"
            + (f" ({problems[0][:110]}…)" if problems else ""))
    finally:
        server.stop()
