#!/usr/bin/env python3
"""Where a `mvn verify` spent its test time: sums the <testsuite time> of every
*/target/*-reports/TEST-*.xml under ROOT by module and phase (surefire-reports: unit tests,
fuzz-reports: the fuzzing execution, failsafe-reports: the ITs), then lists the slowest classes.
Usage: scripts/ci-times.py ROOT [how-many-slowest]   (ROOT: a clone after `CI=true bash .ci/run`)"""
import collections
import glob
import sys
import xml.etree.ElementTree as ET

root = sys.argv[1].rstrip('/')
top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
rows = []
for path in glob.glob(root + '/*/target/*-reports/TEST-*.xml'):
    module, phase = path[len(root) + 1:].split('/')[0], path.split('/')[-2]
    suite = ET.parse(path).getroot()
    rows.append((float(suite.get('time') or 0), module, phase, suite.get('name').split('.')[-1], int(suite.get('tests'))))
sums = collections.defaultdict(float)
for seconds, module, phase, _, _ in rows:
    sums[(module, phase)] += seconds
for (module, phase), seconds in sorted(sums.items()):
    print('%-16s %-18s %7.0f s' % (module, phase, seconds))
print('total %.0f s' % sum(sums.values()))
print('slowest classes:')
for seconds, module, phase, name, tests in sorted(rows, reverse=True)[:top]:
    print('%7.1f %-16s %-18s %s (%d tests)' % (seconds, module, phase, name, tests))
