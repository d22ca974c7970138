"""Fault scenarios against a real Coffer server, driven by boto3; called by scripts/fault-report.sh.

Each scenario starts its own server (the jar) on loopback, runs a bounded load of concurrent
clients, injects one fault, and checks every acknowledged object afterwards against the MD5 the
client computed. It prints one Markdown table row per scenario:
scenario | injected | acknowledged | verified bytes | lost bytes | errors by code | recovery.
"""
import collections
import concurrent.futures
import hashlib
import json
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError, EndpointConnectionError, ConnectionClosedError

KEY, SECRET = "FAULTKEY", "FAULTSECRET0123456789"
JAR = sys.argv[1]
WORK = pathlib.Path(sys.argv[2])
ONLY = sys.argv[3:] or ["disk-full", "catalog-full", "fsync-eio", "short-io", "bit-rot", "kill-9"]


class Server:
    def __init__(self, data, port, *settings, wrapper=()):
        self.data, self.port, self.settings, self.wrapper = data, port, settings, list(wrapper)
        self.proc = None

    def start(self):
        log = open(WORK / f"server-{self.port}.log", "ab")
        self.proc = subprocess.Popen(
            [*self.wrapper, "java", "-jar", JAR, f"--server.port={self.port}", "--coffer.ui.port=-1",
             f"--coffer.data-dir={self.data}", f"--coffer.access-key={KEY}", f"--coffer.secret-key={SECRET}",
             *self.settings], stdout=log, stderr=subprocess.STDOUT)
        deadline = time.time() + 600  # a start takes minutes on a loaded 2-core machine
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited ({self.proc.returncode}); see {WORK}")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_coffer/health", timeout=2)
                return self
            except Exception:
                time.sleep(0.5)
        self.proc.kill()  # never leave a half-started server behind
        self.proc.wait()
        raise RuntimeError("server did not start; see " + str(WORK))

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=60)

    def health(self):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_coffer/health", timeout=10) as r:
            return json.loads(r.read())

    def metric(self, name):
        token = (self.data / "metrics-token").read_text().strip()
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}/_coffer/metrics",
                                     headers={"Authorization": "Bearer " + token})
        with urllib.request.urlopen(req, timeout=30) as r:
            for line in r.read().decode().splitlines():
                if line.startswith(name + " ") or line.startswith(name + "{"):
                    return float(line.rsplit(" ", 1)[1])
        return None

    def client(self, retries=0):
        return boto3.client("s3", endpoint_url=f"http://127.0.0.1:{self.port}", region_name="us-east-1",
                            aws_access_key_id=KEY, aws_secret_access_key=SECRET,
                            config=Config(s3={"addressing_style": "path"}, connect_timeout=5, read_timeout=30,
                                          retries={"max_attempts": retries + 1, "mode": "standard"}))


class Tally:
    """Acknowledged objects (key -> md5, size) and errors by S3 code, shared by the client threads."""

    def __init__(self):
        self.acked, self.errors, self.lock = {}, collections.Counter(), threading.Lock()
        self.missing = 0

    def put(self, s3, bucket, key, body):
        try:
            s3.put_object(Bucket=bucket, Key=key, Body=body)
            with self.lock:
                self.acked[key] = (hashlib.md5(body).hexdigest(), len(body))
            return True
        except ClientError as e:
            with self.lock:
                self.errors[e.response["Error"]["Code"]] += 1
        except (EndpointConnectionError, ConnectionClosedError, ConnectionError):
            with self.lock:
                self.errors["connection"] += 1
        except Exception as e:  # a read timeout or a reset: not acknowledged
            with self.lock:
                self.errors[type(e).__name__] += 1
        return False

    def verify(self, s3, bucket, keys=None):
        """(bytes verified, bytes lost): every acknowledged key must read back with its MD5."""
        ok = lost = 0
        for key, (md5, size) in self.acked.items():
            if keys is not None and key not in keys:
                continue
            try:
                body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
                if hashlib.md5(body).hexdigest() == md5:
                    ok += size
                    continue
            except Exception:
                pass
            lost += size
            self.missing += 1  # counted apart: an empty object has no bytes to lose
        return ok, lost

    def codes(self):
        return ", ".join(f"{c} {n}" for c, n in sorted(self.errors.items())) or "none"


def row(*cells):
    print("| " + " | ".join(str(c) for c in cells) + " |", flush=True)


def small_tmpfs(name, mib, scenario):
    """A tmpfs of `mib` MiB at WORK/name, or None (and a "not run" row) without the right to mount it."""
    mount = WORK / name
    mount.mkdir(exist_ok=True)
    if subprocess.call(["mount", "-t", "tmpfs", "-o", f"size={mib}m", "tmpfs", str(mount)]) != 0:
        row(scenario, f"not run: mounting a {mib} MiB tmpfs needs root", "", "", "", "", "")
        return None
    return mount


def disk_full(port):
    """A 64 MiB file system filled by uploads, then by another program; freed while the server runs."""
    mount = small_tmpfs("small-fs", 64, "disk full")
    if mount is None:
        return
    # Deleted objects' chunks go after the GC grace; a short one makes the deletes free space soon.
    server = Server(mount / "data", port, "--coffer.disk-reserve=8MB", "--coffer.gc-grace=2s",
                    "--coffer.gc-interval=1s").start()
    try:
        s3, tally = server.client(), Tally()
        s3.create_bucket(Bucket="full")
        body = os.urandom(1 << 20)

        def writer(t):
            for i in range(80):  # 4 x 80 MiB offered to a 64 MiB disk: bounded, and surely too much
                tally.put(s3, "full", f"w{t}/{i}", body[:(1 << 20) - i] + bytes([t, i]))
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            list(pool.map(writer, range(4)))
        refused = sum(tally.errors.values())
        # Another program takes the rest of the disk; deletes must still work.
        filler = mount / "filler"
        subprocess.call(["dd", "if=/dev/zero", f"of={filler}", "bs=1M"], stderr=subprocess.DEVNULL)
        deleted = []
        for key in list(tally.acked)[:8]:
            try:
                s3.delete_object(Bucket="full", Key=key)
                deleted.append(key)
            except ClientError as e:
                tally.errors["delete " + e.response["Error"]["Code"]] += 1
        for key in deleted:
            del tally.acked[key]
        full_free = shutil.disk_usage(mount).free
        filler.unlink()
        freed = time.time()
        while not tally.put(s3, "full", "after-free", b"room again") and time.time() - freed < 60:
            time.sleep(0.2)
        recovery = time.time() - freed
        ok, lost = tally.verify(s3, "full")
        row("disk full (64 MiB tmpfs, reserve 8 MiB)",
            f"4 clients x 80 PUTs of ~1 MiB; then `dd` fills the disk ({full_free} bytes free); "
            f"{len(deleted)} deletes while full; filler removed (gc-grace 2 s)",
            f"{len(tally.acked)} PUTs ({refused} refused)", ok, lost, tally.codes(),
            f"first PUT accepted {recovery:.1f} s after the filler went, no restart")
    finally:
        server.stop()
        subprocess.call(["umount", str(mount)])


def bit_rot(port):
    """Flip one byte in chunk files of stored objects: no wrong byte may be served."""
    data = WORK / "rot-data"
    server = Server(data, port).start()
    try:
        s3, tally = server.client(), Tally()
        s3.create_bucket(Bucket="rot")
        for i in range(20):
            tally.put(s3, "rot", f"o{i}", os.urandom(256 * 1024 + i))
        chunks = sorted(p for p in (data / "chunks-store" / "chunks").rglob("*") if p.is_file())
        flipped = chunks[::2]
        for path in flipped:
            raw = bytearray(path.read_bytes())
            raw[len(raw) // 3] ^= 0x01
            path.write_bytes(bytes(raw))
        wrong = refused = good = 0
        for key, (md5, size) in tally.acked.items():
            try:
                body = s3.get_object(Bucket="rot", Key=key)["Body"].read()
                if hashlib.md5(body).hexdigest() == md5:
                    good += 1
                else:
                    wrong += 1
            except Exception as e:
                refused += 1
                tally.errors[type(e).__name__ if not isinstance(e, ClientError) else e.response["Error"]["Code"]] += 1
        quarantined = sum(1 for p in (data / "chunks-store" / "quarantine").rglob("*") if p.is_file())
        row("bit rot in chunk files", f"one bit flipped in {len(flipped)} of {len(chunks)} chunk files",
            f"{len(tally.acked)} PUTs", f"{good} objects intact", f"wrong bytes served: {wrong}",
            tally.codes(), f"{refused} GETs aborted; {quarantined} chunks quarantined")
    finally:
        server.stop()


class Load:
    """4 clients writing objects of the given sizes until stopped (bounded: 3000 each)."""

    def __init__(self, s3, tally, bucket, sizes, prefix):
        self.stop, self.accepted, self.lock = threading.Event(), [], threading.Lock()
        self.pool = concurrent.futures.ThreadPoolExecutor(4)
        self.futures = [self.pool.submit(self._write, s3, tally, bucket, sizes, f"{prefix}{t}") for t in range(4)]

    def _write(self, s3, tally, bucket, sizes, prefix):
        for i in range(3000):
            if self.stop.is_set():
                return
            if tally.put(s3, bucket, f"{prefix}/{i}", os.urandom(sizes[i % len(sizes)])):
                with self.lock:
                    self.accepted.append(time.time())
            else:
                time.sleep(0.05)  # refused: do not spin

    def first_accepted_after(self, t, wait=60):
        """Seconds from t to the first write accepted after it (waiting up to `wait`), or None."""
        deadline = time.time() + wait
        while time.time() < deadline:
            with self.lock:
                later = [a for a in self.accepted if a > t]
            if later:
                return min(later) - t
            time.sleep(0.1)
        return None

    def finish(self):
        self.stop.set()
        for f in self.futures:
            f.result()
        self.pool.shutdown()


def wait_for(predicate, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def after_restart(server, tally, bucket):
    """Stops the server (SIGTERM), starts it again without the fault, and reads every acknowledged object."""
    server.stop()
    server.wrapper = []
    server.start()
    try:
        return tally.verify(server.client(), bucket)
    finally:
        server.stop()


def catalog_full(port):
    """RocksDB's own ENOSPC: no reserve, small objects (held in the catalogue), another program fills the disk."""
    mount = small_tmpfs("catalog-fs", 48, "catalogue disk full")
    if mount is None:
        return
    server = Server(mount / "data", port, "--coffer.disk-reserve=0").start()
    try:
        s3, tally = server.client(), Tally()
        s3.create_bucket(Bucket="cat")
        # Empty objects: with no reserve nothing checks the disk before the catalogue's commit, so
        # each PUT meets RocksDB's own ENOSPC (a body would be refused before, by the chunk store).
        load = Load(s3, tally, "cat", [0], "c")
        time.sleep(3)
        filler = mount / "filler"
        subprocess.call(["dd", "if=/dev/zero", f"of={filler}", "bs=64k"], stderr=subprocess.DEVNULL)
        refused = wait_for(lambda: tally.errors["ServiceUnavailable"] > 0, 30)
        time.sleep(3)
        problems = server.health().get("problems", [])
        stopped = server.metric("coffer_catalog_writes_stopped")
        full_free = shutil.disk_usage(mount).free
        filler.unlink()
        freed = time.time()
        recovery = load.first_accepted_after(freed)
        time.sleep(1)
        load.finish()
        healed = server.health().get("problems", [])
        server.reopens = int(server.metric("coffer_catalog_reopens") or 0)
        ok, lost = tally.verify(s3, "cat")
        ok2, lost2 = after_restart(server, tally, "cat")
        row("catalogue disk full (48 MiB tmpfs, reserve 0: RocksDB's own ENOSPC)",
            f"4 clients writing empty objects (records in RocksDB only); after 3 s `dd` fills the disk "
            f"({full_free} bytes free) for {3 + (30 if not refused else 0)}+ s; filler removed",
            f"{len(tally.acked)} PUTs", f"{ok} (after a restart: {ok2})",
            f"{lost}; objects missing: {tally.missing} (both reads, before and after a restart)",
            tally.codes(),
            ("writes accepted %.1f s after the filler went, no restart (catalogue reopened in-process %d time(s))"
             % (recovery, server.reopens) if recovery is not None else "writes NOT accepted within 60 s of the filler going")
            + (f"; while full, health said {problems!r}, coffer_catalog_writes_stopped {stopped}; "
               f"after: {healed or 'no problems'}").replace(str(mount / "data"), "<data>"))
    finally:
        server.stop()
        subprocess.call(["umount", str(mount)])


def fiu(server, command):
    subprocess.check_call(["fiu-ctrl", "-c", command, str(server.proc.pid)])


def injected(port, name, label, failpoint, probability, sizes, seconds=4):
    """libfiu (fiu-run -x): `failpoint` fails at random while 4 clients write; then disabled."""
    if not shutil.which("fiu-run"):
        row(name, "not run: fiu-run (Debian fiu-utils) missing", "", "", "", "", "")
        return
    data = WORK / f"{failpoint.replace('/', '-')}-data"
    server = Server(data, port, "--coffer.jobs.sweep-min-age=1s", wrapper=["fiu-run", "-x"]).start()
    try:
        s3, tally = server.client(), Tally()
        s3.create_bucket(Bucket="fiu")
        load = Load(s3, tally, "fiu", sizes, "f")
        time.sleep(2)
        fiu(server, f"enable_random name={failpoint},probability={probability},failinfo=5")
        time.sleep(seconds)
        fiu(server, f"disable name={failpoint}")
        healed = time.time()
        recovery = load.first_accepted_after(healed, wait=20)
        time.sleep(1)
        load.finish()
        problems = server.health().get("problems", [])
        temp = sum(1 for p in (data / "chunks-store" / "tmp").rglob("*") if p.is_file())
        ok, lost = tally.verify(s3, "fiu")
        ok2, lost2 = after_restart(server, tally, "fiu")
        row(name, f"{label} (libfiu `{failpoint}`, probability {probability}, errno EIO) for {seconds} s "
                  f"while 4 clients write {'/'.join(str(x // 1024) + ' KiB' for x in sizes)} objects",
            f"{len(tally.acked)} PUTs", f"{ok} (after a restart: {ok2})", f"{lost} (after a restart: {lost2})",
            tally.codes(),
            ("first PUT accepted %.1f s after the fault was disabled, no restart" % recovery
             if recovery is not None else "writes NOT accepted within 20 s of the fault ending: restart needed")
            + f"; temp chunks left: {temp}; health: {problems or 'no problems'}")
    finally:
        server.stop()


def fsync_eio(port):
    injected(port, "failing fsync", "fsync fails", "posix/io/sync/fsync", 0.5, [200 * 1024, 300 * 1024])


def short_io(port):
    injected(port, "short writes", "write() writes only part of what it was asked", "posix/io/rw/write/reduce",
             0.5, [200 * 1024, 4096])


def kill_9(port):
    """kill -9 while 4 clients write; every acknowledged object must survive the restart."""
    data = WORK / "kill-data"
    server = Server(data, port).start()
    s3, tally = server.client(), Tally()
    s3.create_bucket(Bucket="kill")
    stop = time.time() + 5

    def writer(t):
        i = 0
        while time.time() < stop + 10 and i < 2000:
            size = 4096 if i % 2 else 200 * 1024
            if not tally.put(s3, "kill", f"k{t}/{i}", os.urandom(size)) and time.time() > stop:
                return
            i += 1
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(writer, t) for t in range(4)]
        time.sleep(5)
        killed = time.time()
        server.kill9()
        for f in futures:
            f.result()
    server.start()
    recovery = time.time() - killed
    ok, lost = tally.verify(server.client(), "kill")
    server.stop()
    row("kill -9 during writes", "SIGKILL after 5 s of 4 clients writing 4 KiB and 200 KiB objects",
        f"{len(tally.acked)} PUTs", ok, lost, tally.codes(), f"restart and first answer: {recovery:.1f} s")


print("| scenario | injected | acknowledged | bytes verified | bytes lost | errors to clients | recovery |")
print("|---|---|---|---|---|---|---|")
for port, name in enumerate(ONLY, start=int(os.environ.get("FAULT_PORT_BASE", "9420"))):
    {"disk-full": disk_full, "catalog-full": catalog_full, "fsync-eio": fsync_eio, "short-io": short_io,
     "bit-rot": bit_rot, "kill-9": kill_9}[name](port)
