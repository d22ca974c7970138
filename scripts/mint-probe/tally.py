"""Counts the res-*.json files run.py wrote here, per suite, then lists every case not passed."""
import json, glob, collections
res = [r for f in sorted(glob.glob('res-*.json')) for r in json.load(open(f))]
per = collections.OrderedDict()
for area, name, st, msg in res:
    per.setdefault(area, collections.Counter())[st] += 1
for area, c in per.items():
    print('%-10s %3d cases: %s' % (area, sum(c.values()), dict(c)))
print('all', len(res), dict(collections.Counter(r[2] for r in res)))
for area, name, st, msg in res:
    if st != 'pass':
        print(st, area, name, '|', msg[:200])
