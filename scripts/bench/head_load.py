"""HEAD requests of one URL on keep-alive connections for a number of seconds (wrk cannot: it waits for the body a
HEAD response announces), printing wrk's two summary lines ("N requests in", "Requests/sec:") for the bench scripts.
Usage: python3 scripts/bench/head_load.py URL SECONDS [connections=8]"""
import socket, sys, threading, time
from urllib.parse import urlsplit

url, secs = urlsplit(sys.argv[1]), float(sys.argv[2])
conns = int(sys.argv[3]) if len(sys.argv) > 3 else 8
target = url.path + ("?" + url.query if url.query else "")
request = f"HEAD {target} HTTP/1.1\r\nHost: {url.netloc}\r\n\r\n".encode()
counts, end = [0] * conns, time.monotonic() + secs

def run(i):
    with socket.create_connection((url.hostname, url.port)) as s:
        while time.monotonic() < end:
            s.sendall(request)
            reply = b""
            while b"\r\n\r\n" not in reply:
                chunk = s.recv(4096)
                if not chunk:
                    raise SystemExit("connection closed")
                reply += chunk
            if not reply.startswith(b"HTTP/1.1 200"):
                raise SystemExit(reply.split(b"\r\n", 1)[0].decode())
            counts[i] += 1

start = time.monotonic()
threads = [threading.Thread(target=run, args=(i,)) for i in range(conns)]
for t in threads: t.start()
for t in threads: t.join()
n = sum(counts)
print(f"  {n} requests in {time.monotonic() - start:.2f}s")
print(f"Requests/sec: {n / (time.monotonic() - start):.2f}")
