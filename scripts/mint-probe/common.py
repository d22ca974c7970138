"""What the mint restatements share beside the s3tests-probe harness: the data files, and the
three command-line clients (aws CLI, s3cmd, rclone) configured for the server under test."""
import os, subprocess, hashlib, tempfile, time, uuid
from harness import EP, MAIN, client, bname

DATA = os.environ.get('MINT_DATA_DIR', '/tmp/mint-files')
_HOST = EP.split('://', 1)[1]


def data(name):
    """A mint data file (datafile-1-MB, -5-MB, -6-MB, -11-MB, -65-MB, datafile-1-b): see README.md."""
    return os.path.join(DATA, name)


def md5(path):
    with open(path, 'rb') as f:
        return hashlib.md5(f.read()).hexdigest()


def sh(args, env=None, ok=True, inherit=True):
    """Runs a client; returns (exit code, stdout, stderr); with ok, a non-zero exit is a failure."""
    p = subprocess.run(args, capture_output=True, text=True, timeout=600,
                       env={**(os.environ if inherit else {}), **(env or {})})
    if ok and p.returncode != 0:
        raise AssertionError('%s -> %d: %s' % (' '.join(args[:4]), p.returncode, (p.stderr or p.stdout)[-300:]))
    return p.returncode, p.stdout, p.stderr


_AWS_ENV = {'AWS_ACCESS_KEY_ID': MAIN[0], 'AWS_SECRET_ACCESS_KEY': MAIN[1], 'AWS_DEFAULT_REGION': 'us-east-1',
            'AWS_CONFIG_FILE': '/dev/null', 'AWS_SHARED_CREDENTIALS_FILE': '/dev/null', 'AWS_MAX_ATTEMPTS': '1'}


def aws(*args, ok=True):
    return sh(['aws', '--endpoint-url', EP] + list(args), env=_AWS_ENV, ok=ok)


_S3CFG = os.path.join(tempfile.gettempdir(), 'mint-probe-s3cfg-%d' % os.getpid())
with open(_S3CFG, 'w') as f:
    f.write('[default]\naccess_key = %s\nsecret_key = %s\nhost_base = %s\nhost_bucket = %s\nuse_https = False\n'
            'signature_v2 = False\nbucket_location = us-east-1\n' % (MAIN[0], MAIN[1], _HOST, _HOST))


def s3cmd(*args, ok=True):
    return sh(['s3cmd', '--config', _S3CFG] + list(args), ok=ok)


_RCLONE_ENV = {'RCLONE_CONFIG': '/dev/null', 'RCLONE_CONFIG_C_TYPE': 's3', 'RCLONE_CONFIG_C_PROVIDER': 'Other',
               'RCLONE_CONFIG_C_ENDPOINT': EP, 'RCLONE_CONFIG_C_ACCESS_KEY_ID': MAIN[0],
               'RCLONE_CONFIG_C_SECRET_ACCESS_KEY': MAIN[1], 'RCLONE_CONFIG_C_REGION': 'us-east-1'}


def rclone(*args, ok=True):
    # rclone's AWS SDK fails on AWS_CA_BUNDLE with its own transport ("unsupported transport"): plain http here.
    env = {k: v for k, v in os.environ.items() if k != 'AWS_CA_BUNDLE'}
    return sh(['rclone', '--retries', '1', '--low-level-retries', '1'] + list(args), env={**env, **_RCLONE_ENV}, ok=ok,
              inherit=False)


def tmpdir():
    return tempfile.mkdtemp(prefix='mint-probe-')


def name():
    return 'mint-' + uuid.uuid4().hex[:12]


def rnd(n):
    """n bytes that differ from run to run."""
    return hashlib.sha256(str(time.time_ns()).encode()).digest() * (n // 32) + b'x' * (n % 32)


def empty(b):
    """Deletes every version and delete marker of bucket b, then the bucket."""
    c = client()
    for v in c.list_object_versions(Bucket=b).get('Versions', []) + c.list_object_versions(Bucket=b).get('DeleteMarkers', []):
        c.delete_object(Bucket=b, Key=v['Key'], VersionId=v['VersionId'])
    c.delete_bucket(Bucket=b)
