"""The pages and the walk of ListingHttpBenchmark, with boto3 at its defaults (see docs/benchmarks.md,
"Listing, third pass"): p50/p90/p99 of 100 pages after 10 of warm-up (boto3 spends ~70 ms of CPU on
a 1,000-key page, so fewer than the Java client's 200 after 50), the server's CPU per page (utime+stime of its
process from /proc) and this client's own (time.process_time).
Usage: python3 listing_boto3.py PORT N RUNS SERVER_PID"""
import sys
import time

import boto3
from botocore.config import Config

PAGE, SAMPLES, WARMUP, FOLDER = 1000, 100, 10, 10
port, n, runs, pid = (int(a) for a in sys.argv[1:5])
s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                  aws_access_key_id="BENCHKEY", aws_secret_access_key="BENCHSECRET",
                  config=Config(s3={"addressing_style": "path"}))


def server_ticks():
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime in ticks of 10 ms


def key(i):
    return "d%05d/f%d" % (i // FOLDER, i % FOLDER)


def folder(i):
    return "d%05d/" % (i // FOLDER)


def cpu_since(mark, pages):
    ticks, client = mark
    return "  server CPU %6.0f us/page  client process %6.0f us/page" % (
        (server_ticks() - ticks) * 10_000 / pages, (time.process_time() - client) * 1e6 / pages)


def listing(**kw):
    return s3.list_objects_v2(Bucket="bench", MaxKeys=PAGE, **kw)


def page(what, **kw):
    for _ in range(WARMUP):
        listing(**kw)
    mark = (server_ticks(), time.process_time())
    times = []
    for _ in range(SAMPLES):
        t = time.perf_counter()
        r = listing(**kw)
        times.append(time.perf_counter() - t)
    times.sort()
    entries = len(r.get("Contents", [])) + len(r.get("CommonPrefixes", []))
    print("  %-18s %4d entries  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms%s" % (
        what, entries, times[SAMPLES // 2] * 1e3, times[SAMPLES * 9 // 10] * 1e3, times[SAMPLES * 99 // 100] * 1e3,
        cpu_since(mark, SAMPLES)), flush=True)


def walk():
    mark = (server_ticks(), time.process_time())
    started, keys, pages, token = time.perf_counter(), 0, 0, None
    while True:
        r = listing(**({"ContinuationToken": token} if token else {}))
        pages += 1
        keys += len(r.get("Contents", []))
        token = r.get("NextContinuationToken")
        if not r.get("IsTruncated"):
            break
    seconds = time.perf_counter() - started
    if keys != n:
        raise SystemExit(f"walked {keys} of {n}")
    print("  full walk: %d keys in %d pages, %.2f s = %.0f keys/s%s" % (
        keys, pages, seconds, keys / seconds, cpu_since(mark, pages)), flush=True)


print("client boto3 %s" % boto3.__version__)
for run in range(1, runs + 1):
    print(f"run {run}")
    page("flat start")
    page("flat middle", StartAfter=key(n // 2))
    page("flat end", StartAfter=key(n - PAGE - 1))
    page("delimiter start", Delimiter="/")
    page("delimiter middle", Delimiter="/", StartAfter=folder(n // 2))
    page("delimiter end", Delimiter="/", StartAfter=folder(n - FOLDER * PAGE - FOLDER))
    page("empty page", StartAfter="e")  # after every key: the same request, no entry
    walk()
