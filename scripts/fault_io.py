"""Failing I/O under a running server, injected with Debian's libfiu (fiu-run -x, fiu-ctrl): a failing
fsync, short writes, and write() failing with EIO for chunk files only. Rows for scripts/fault_report.py."""
import os
import pathlib
import shutil
import subprocess
import threading
import time

from fault_lib import WORK, Load, Server, Tally, after_restart, row

# The JNI function under which Java's FileChannel.write calls write(2): chunk files are written so,
# while RocksDB (its own C++ writes), the log (FileOutputStream) and Netty's sockets (its own JNI)
# are not. libfiu finds it by name in the call stack only if its library's symbols are global, so
# the server preloads libnio (libfiu's enable_stack_by_name resolves the name with dlsym).
CHUNK_WRITE = "Java_sun_nio_ch_FileDispatcherImpl_write0"


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


def write_eio(port):
    """Every write(2) of a chunk file fails with EIO; inline objects, reads and listings must go on."""
    point = "posix/io/rw/write"
    lib = java_home() / "lib"
    preload = ["fiu-run", "-x", "sh", "-c",
               f'LD_LIBRARY_PATH="{lib}/server:{lib}" LD_PRELOAD="$LD_PRELOAD {lib}/libnio.so" exec "$@"', "sh"]
    injected(port, "failing chunk writes",
             f"every write() of a chunk file fails with EIO (libfiu `{point}` under `{CHUNK_WRITE}` in the stack, "
             f"errno EIO); objects of 4 KiB are inline in RocksDB (no chunk file)", point, [200 * 1024, 4096],
             f"enable_stack_by_name name={point},func_name={CHUNK_WRITE},pos_in_stack=-1,failinfo=5", wrapper=preload)
