"""Reads async-profiler's collapsed stacks (one "frame;frame;... count" line per stack): prints the top frames by self
share, then, for each frame substring given, its inclusive share (a stack counts once however often the frame recurs).
Usage: python3 scripts/bench/collapsed.py FILE [substring ...]   Env: TOP (30), THREAD (only stacks whose first frame
contains it, e.g. reactor-http; async-profiler puts the thread first with the `threads` option)."""
import os, sys
from collections import Counter

stacks = []
for line in open(sys.argv[1]):
    frames, _, n = line.rstrip("\n").rpartition(" ")
    if frames and n.isdigit() and os.environ.get("THREAD", "") in frames.split(";")[0]:
        stacks.append((frames.split(";"), int(n)))
total = sum(n for _, n in stacks) or 1
selfs = Counter()
for frames, n in stacks:
    selfs[frames[-1]] += n
print(f"{total} samples")
for frame, n in selfs.most_common(int(os.environ.get("TOP", "30"))):
    print(f"{100 * n / total:6.2f}%  self  {frame}")
for sub in sys.argv[2:]:
    n = sum(c for frames, c in stacks if any(sub in f for f in frames))
    print(f"{100 * n / total:6.2f}%  incl  {sub}")
