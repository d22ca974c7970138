"""What the fault scenarios share: a server started from the jar, the clients' tally of acknowledged
objects, a steady load of writers, and the report's rows. Used by scripts/fault_report.py."""
import collections
import concurrent.futures
import hashlib
import json
import os
import pathlib
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


class Server:
    def __init__(self, data, port, *settings, wrapper=()):
        self.data, self.port, self.settings, self.wrapper = data, port, settings, list(wrapper)
        self.java = ["java", "-jar", JAR]  # how the server is launched (fault_io runs it from the jar's files)
        self.proc = None

    def start(self):
        log = open(WORK / f"server-{self.port}.log", "ab")
        self.proc = subprocess.Popen(
            [*self.wrapper, *self.java, f"--server.port={self.port}", "--coffer.ui.port=-1",
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

    def put(self, s3, bucket, key, body, **extra):
        try:
            s3.put_object(Bucket=bucket, Key=key, Body=body, **extra)
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


class Load:
    """4 clients writing objects of the given sizes until stopped (bounded: `each` PUTs each, 3000
    unless told). `key` turns a client's prefix and number into the key; `extra` gives further
    put_object arguments (Metadata, say) for each PUT."""

    def __init__(self, s3, tally, bucket, sizes, prefix, each=3000, key=lambda p, i: f"{p}/{i}", extra=dict):
        self.stop, self.accepted, self.lock = threading.Event(), [], threading.Lock()
        self.each, self.key, self.extra = each, key, extra
        self.pool = concurrent.futures.ThreadPoolExecutor(4)
        self.futures = [self.pool.submit(self._write, s3, tally, bucket, sizes, f"{prefix}{t}") for t in range(4)]

    def _write(self, s3, tally, bucket, sizes, prefix):
        for i in range(self.each):
            if self.stop.is_set():
                return
            size = sizes[i % len(sizes)]
            if tally.put(s3, bucket, self.key(prefix, i), os.urandom(size), **self.extra()):
                with self.lock:
                    self.accepted.append((time.time(), size))
            else:
                time.sleep(0.05)  # refused: do not spin

    def first_accepted_after(self, t, wait=60):
        """Seconds from t to the first write accepted after it (waiting up to `wait`), or None."""
        deadline = time.time() + wait
        while time.time() < deadline:
            with self.lock:
                later = [a for a, _ in self.accepted if a > t]
            if later:
                return min(later) - t
            time.sleep(0.1)
        return None

    def accepted_between(self, start, end):
        """{size: PUTs acknowledged between start and end}."""
        with self.lock:
            return collections.Counter(size for a, size in self.accepted if start <= a <= end)

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


