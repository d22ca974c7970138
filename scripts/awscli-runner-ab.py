#!/usr/bin/env python3
"""A/B of the aws CLI commands as processes (how AwsCli ran each command before) and in one
compat-tests python/aws_runner.py process (how it runs them now), in interleaved rounds; prints
each round's wall and CPU seconds (getrusage of the children) and the load. Needs a Coffer on
ENDPOINT whose root key is BENCHKEY / BENCHSECRET, and the aws CLI. Usage:
  scripts/awscli-runner-ab.py ENDPOINT [ROUNDS]   (e.g. http://127.0.0.1:9420 3)"""
import base64, os, resource, subprocess, sys, tempfile, time
endpoint, rounds = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3
runner_py = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'compat-tests', 'src', 'test', 'resources', 'python', 'aws_runner.py')
work = tempfile.mkdtemp(prefix='cli-ab-')
body = os.path.join(work, 'f.txt'); open(body, 'w').write('tagged by the CLI')
base = {k: v for k, v in os.environ.items() if not k.startswith('AWS_')}
env = dict(base, AWS_CONFIG_FILE=work + '/no-config', AWS_SHARED_CREDENTIALS_FILE=work + '/no-credentials',
           AWS_EC2_METADATA_DISABLED='true', AWS_PAGER='', AWS_ACCESS_KEY_ID='BENCHKEY', AWS_SECRET_ACCESS_KEY='BENCHSECRET',
           AWS_DEFAULT_REGION='us-east-1')
def commands(b):
    return [['s3api', 'create-bucket', '--bucket', b],
            ['s3api', 'put-object', '--bucket', b, '--key', 'doc', '--body', body, '--tagging', 'project=apollo&stage=dev%20one'],
            ['s3api', 'get-object-tagging', '--bucket', b, '--key', 'doc', '--output', 'json'],
            ['s3api', 'get-object', '--bucket', b, '--key', 'doc', work + '/back', '--query', 'TagCount', '--output', 'text'],
            ['s3api', 'put-object-tagging', '--bucket', b, '--key', 'doc', '--tagging', '{"TagSet": [{"Key": "owner", "Value": "ops"}]}'],
            ['s3api', 'delete-object-tagging', '--bucket', b, '--key', 'doc'],
            ['s3api', 'put-bucket-tagging', '--bucket', b, '--tagging', '{"TagSet": [{"Key": "a", "Value": "1"}]}'],
            ['s3api', 'get-bucket-tagging', '--bucket', b],
            ['s3', 'cp', body, 's3://' + b + '/copy.txt'],
            ['s3', 'ls', 's3://' + b],
            ['s3', 'rm', '--recursive', 's3://' + b],
            ['s3api', 'delete-bucket', '--bucket', b]]
def processes(b):
    codes = []
    for c in commands(b):
        with open(work + '/o', 'wb') as o, open(work + '/e', 'wb') as e:
            codes.append(subprocess.run(['aws', '--endpoint-url', endpoint] + c, cwd=work, env=env, stdin=subprocess.DEVNULL, stdout=o, stderr=e).returncode)
    return codes
def runner(b):
    p = subprocess.Popen(['python3', runner_py], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=base)
    p.stdout.readline()
    codes = []
    for c in commands(b):
        words = [work, work + '/o', work + '/e', str(len(env))] + [x for kv in env.items() for x in kv] + ['--endpoint-url', endpoint] + c
        p.stdin.write((' '.join(base64.b64encode(w.encode()).decode() for w in words) + '\n').encode()); p.stdin.flush()
        codes.append(int(p.stdout.readline()))
    p.stdin.close(); p.wait()
    return codes
for r in range(rounds):
    for name, mode in (('processes', processes), ('runner', runner)):
        t, cpu = time.time(), resource.getrusage(resource.RUSAGE_CHILDREN)
        codes = mode('ab-%s-%d-%d' % (name, r, os.getpid()))
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        print('round %d %-9s %2d commands %6.1f s wall %5.1f s cpu  exit codes %s  load %s' % (r + 1, name, len(codes),
              time.time() - t, after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime, ''.join(map(str, codes)),
              open('/proc/loadavg').read().split()[0]), flush=True)
