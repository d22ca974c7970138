"""Fault scenarios against a real Coffer server, driven by boto3; called by scripts/fault-report.sh.

Each scenario starts its own server (the jar) on loopback, runs a bounded load of concurrent
clients, injects one fault, and checks every acknowledged object afterwards against the MD5 the
client computed. It prints one Markdown table row per scenario:
scenario | injected | acknowledged | verified bytes | lost bytes | errors by code | recovery.
"""
import concurrent.futures
import os
import shutil
import subprocess
import sys
import time

from botocore.exceptions import ClientError

from fault_lib import WORK, Load, Server, Tally, after_restart, row, small_tmpfs, wait_for
import fault_damage
import fault_io

SCENARIOS = ["disk-full", "catalog-full", "fsync-eio", "short-io", "write-eio", "read-eio", "bit-rot", "rot-scrub",
             "damaged-start", "kill-9"]
ONLY = sys.argv[3:] or SCENARIOS


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


def wal_files(catalog):
    """The catalogue's WAL files as "name: bytes written / bytes allocated", e.g. to show RocksDB's preallocation."""
    return ", ".join(f"{f.name}: {f.stat().st_size} / {f.stat().st_blocks * 512}" for f in sorted(catalog.glob("*.log")))


def catalog_full(port):
    """RocksDB's own ENOSPC: no reserve, records held in the catalogue only, another program fills the disk."""
    mount = small_tmpfs("catalog-fs", 128, "catalogue disk full")
    if mount is None:
        return
    server = Server(mount / "data", port, "--coffer.disk-reserve=0").start()
    try:
        s3, tally = server.client(), Tally()
        s3.create_bucket(Bucket="cat")
        # Empty objects: with no reserve nothing checks the disk before the catalogue's commit (a body
        # would be refused before, by the chunk store's room check). RocksDB preallocates its WAL
        # (fallocate, min(1.1 x write buffer, the WriteBufferManager's 32 MiB)), so the WAL goes on
        # into room taken before `dd` filled the disk; records of ~3 KiB (a 1000-byte key, 2 KiB of
        # metadata) written until refused, bounded, use it up and then meet RocksDB's own ENOSPC.
        # 128 MiB: once the filler goes, the reopen's room probe (the WAL's size plus 1 MiB) and the
        # replay's flush must fit beside the ~30 MiB those records take (on 48 MiB neither did).
        load = Load(s3, tally, "cat", [0], "c", each=6000, key=lambda p, i: f"{p}/{i}/".ljust(1000, "k"),
                    extra=lambda: {"Metadata": {"m": os.urandom(1020).hex()}})
        time.sleep(3)
        wal = wal_files(mount / "data" / "catalog")
        filler = mount / "filler"
        subprocess.call(["dd", "if=/dev/zero", f"of={filler}", "bs=64k"], stderr=subprocess.DEVNULL)
        filled, filled_free = time.time(), shutil.disk_usage(mount).free
        refused = wait_for(lambda: tally.errors["ServiceUnavailable"] > 0, 300)
        first_refused = time.time() - filled
        after_fill = sum(load.accepted_between(filled, time.time()).values())
        refused_free, refused_wal = shutil.disk_usage(mount).free, wal_files(mount / "data" / "catalog")
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
        row("catalogue disk full (128 MiB tmpfs, reserve 0: RocksDB's own ENOSPC)",
            f"4 clients writing empty objects with a 1000-byte key and 2 KiB of metadata (records in RocksDB only, "
            f"up to 6000 each); after 3 s (WAL bytes written / allocated: {wal}) `dd` fills the disk "
            f"({filled_free} bytes free); "
            + (f"{after_fill} PUTs acknowledged into the WAL's preallocated room, first refusal {first_refused:.1f} s "
               f"after `dd` ({refused_free} bytes free; WAL: {refused_wal}); 3 s later ({full_free} bytes free) "
               f"the filler is removed" if refused
               else f"NO refusal within 300 s of `dd` ({after_fill} PUTs acknowledged meanwhile); filler removed"),
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
    {"disk-full": disk_full, "catalog-full": catalog_full, "fsync-eio": fault_io.fsync_eio,
     "short-io": fault_io.short_io, "write-eio": fault_io.write_eio, "read-eio": fault_io.read_eio, "bit-rot": fault_damage.bit_rot,
     "rot-scrub": fault_damage.rot_scrub, "damaged-start": fault_damage.damaged_start, "kill-9": kill_9}[name](port)
