"""Splits async-profiler's collapsed CPU stacks of a GET load (scripts/bench-get-profile.sh, `threads` on, kernel frames
with perf_events) into named costs: the JIT, the check (CRC32C, pread), sendfile, socket writes, epoll, thread hand-offs,
SigV4, the catalogue, the log, the HTTP codec and the frameworks; each stack counts once, for the first rule it matches.
Prints each cost's share of the samples and, given the server's CPU µs per request of the profiled run, its µs.
Usage: python3 scripts/bench/get_costs.py FILE [US_PER_REQUEST]   (docs/benchmarks.md, "GET 1 MiB, ninth pass")"""
import re, sys, collections
stacks = []
for line in open(sys.argv[1]):
    f, _, n = line.rstrip("\n").rpartition(" ")
    if f and n.isdigit(): stacks.append((f.split(";"), int(n)))
tot = sum(n for _, n in stacks) or 1; us = float(sys.argv[2]) if len(sys.argv) > 2 else 0.0
RULES = [  # (category, thread substring or None, any-frame substrings)
    ("JIT compiler threads", "CompilerThre", None),
    ("GC and VM threads", ("GC Thread", "VM Thread", "G1 ", "VM Periodic"), None),
    ("access log thread", "coffer-access-log", None),
    ("CRC32C (the check)", None, ("updateBytesCRC32C",)),
    ("pread: page cache -> check buffer", None, ("__pread64", "pread64")),
    ("chunk footer + CRC table (parse, preads)", None, ("ChunkFooter",)),
    ("open / fstat / close of the chunk file", None, ("openat", "__close", "fstat", "__GI___close", "close_nocancel")),
    ("sendfile (kernel: splice to TCP, loopback xmit)", None, ("do_sendfile",)),
    ("socket writes: headers (sendto/writev/write)", None, ("__sys_sendto", "do_writev", "ksys_write")),
    ("socket reads (recvfrom/read)", None, ("__sys_recvfrom", "ksys_read")),
    ("epoll wait/ctl", None, ("epoll_pwait", "epoll_wait", "epoll_ctl", "do_epoll")),
    ("futex / park / unpark (thread hand-offs)", None, ("futex", "pthread_cond", "LockSupport.park", "LockSupport.unpark", "Unsafe.park", "Unsafe.unpark")),
    ("SigV4 / presigned auth", None, ("dev/coffer/auth/",)),
    ("catalogue (hot records, version)", None, ("HotRecords", "VersionService", "dev/coffer/metadata/")),
    ("access log / logback (request threads)", None, ("AccessLog", "logback")),
    ("HTTP decode/encode (Netty codec)", None, ("HttpObjectDecoder", "HttpObjectEncoder", "HttpServerCodec")),
    ("Netty write path / promises (Java)", None, ("DefaultPromise", "ChannelOutboundBuffer", "AbstractChannelHandlerContext.write", "AbstractChannelHandlerContext.flush")),
    ("Spring WebFlux / Reactor Netty / Reactor (Java)", None, ("org/springframework/", "reactor/")),
    ("Coffer api (Java, other)", None, ("dev/coffer/",)),
]
cats = collections.Counter()
for fr, n in stacks:
    th = fr[0]; c = None
    for name, tsub, fsubs in RULES:
        if tsub is not None:
            if any(t in th for t in ((tsub,) if isinstance(tsub, str) else tsub)): c = name; break
            continue
        if any(any(s in x for s in fsubs) for x in fr): c = name; break
    if c is None:
        k = any(x.endswith("_[k]") for x in fr)
        t = "event loop" if "reactor-http" in th else "coffer-io" if "coffer-io" in th else "other threads"
        c = f"{t}: other ({'kernel' if k else 'user'})"
    cats[c] += n
print(f"{tot} samples, {us:.0f} us per request")
for c, n in cats.most_common(): print(f"{100*n/tot:6.2f}%  {us*n/tot:6.0f} us  {c}")
