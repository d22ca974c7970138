"""Each case restates what one ceph/s3-tests case expects (same name, our own code) against a running Coffer.
Run: see README.md beside this file."""
import boto3, botocore, json, uuid, time, datetime, traceback, sys, hashlib, hmac, base64, socket
from botocore.config import Config
from botocore.exceptions import ClientError
import os, requests
EP = os.environ.get('COFFER_ENDPOINT', 'http://127.0.0.1:9480')
MAIN = (os.environ['COFFER_ACCESS_KEY'], os.environ['COFFER_SECRET_KEY'])
_ALT_JSON = os.environ.get('COFFER_ALT_JSON', 'alt.json')
ALT = json.load(open(_ALT_JSON)) if os.path.exists(_ALT_JSON) else None  # the mint probe needs none
CASES = []
class NA(Exception): pass
def case(area):
    def deco(f):
        CASES.append((area, f.__name__, f)); return f
    return deco
def client(ak=MAIN[0], sk=MAIN[1], sig='s3v4', **kw):
    return boto3.client('s3', endpoint_url=EP, aws_access_key_id=ak, aws_secret_access_key=sk, region_name='us-east-1',
                        config=Config(signature_version=sig, retries={'max_attempts': 1}, s3={'addressing_style': 'path'}, **kw))
def alt(): return client(ALT['accessKeyId'], ALT['secretAccessKey'])
def anon(): return client(sig=botocore.UNSIGNED)
_n = [0]
def bname():
    _n[0] += 1; return 'conf-%s-%d' % (uuid.uuid4().hex[:10], _n[0])
def bucket(c=None, **kw):
    n = bname(); (c or client()).create_bucket(Bucket=n, **kw); return n
def objs(keys, b=None):
    b = b or bucket(); c = client()
    for k in keys: c.put_object(Bucket=b, Key=k, Body=k)
    return b
def eq(a, b, msg=''):
    if a != b: raise AssertionError('%r != %r %s' % (a, b, msg))
def err(fn, *a, **kw):
    try: fn(*a, **kw)
    except ClientError as e:
        return e.response['ResponseMetadata']['HTTPStatusCode'], e.response['Error'].get('Code')
    raise AssertionError('no error raised')
def keys(r): return [o['Key'] for o in r.get('Contents', [])]
def prefixes(r): return [p['Prefix'] for p in r.get('CommonPrefixes', [])]
def body(r): return r['Body'].read().decode()
def hook(c, event, headers):
    c.meta.events.register(event, lambda **kw: kw['params']['headers'].update(headers))
def run(selected=None):
    res = []
    for area, name, f in CASES:
        if selected and not any(s in name for s in selected): continue
        try: f(); st, msg = 'pass', ''
        except NA as e: st, msg = 'n/a', str(e)
        except Exception as e: st, msg = 'FAIL', (type(e).__name__ + ': ' + str(e))[:300]
        res.append((area, name, st, msg)); print('%-5s %-14s %s %s' % (st, area, name, msg), flush=True)
    return res
