import sys, importlib, json
from harness import run, CASES
for m in sys.argv[1].split(','): importlib.import_module(m)
res = run(sys.argv[2:] or None)
json.dump(res, open('res-%s.json' % sys.argv[1].replace(',', '_'), 'w'))
from collections import Counter
print(Counter(r[2] for r in res))
