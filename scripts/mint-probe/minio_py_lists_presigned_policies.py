"""minio-py's functional tests (tests/functional/tests.py, run by mint as run/core/minio-py), restated
with boto3 and requests, second half: listing, presigned URLs and POST policies, threads, bucket
policies, notifications (the first half is minio_py.py)."""
import json, time, threading, hashlib, requests
from harness import case, client, bucket, eq, err, NA
from common import data, md5, rnd, empty

A = 'minio-py'
KB, MB = 1024, 1024 * 1024


def _list(v1, versioned):
    c = client(); b = bucket()
    if versioned: c.put_bucket_versioning(Bucket=b, VersioningConfiguration={'Status': 'Enabled'})
    ids = [c.put_object(Bucket=b, Key='o-%d' % i, Body=rnd(KB)).get('VersionId') for i in (1, 2)]
    if versioned:
        got = [v['VersionId'] for v in c.list_object_versions(Bucket=b)['Versions']]
    else:
        r = c.list_objects(Bucket=b) if v1 else c.list_objects_v2(Bucket=b)
        got = [None for _ in r['Contents']]
        for o in r['Contents']: assert o['Key'] and o['LastModified'] and o['ETag'] and o['Size'] == KB
    eq(sorted(map(str, got)), sorted(map(str, ids)))
    empty(b)


@case(A)
def test_list_objects_v1(): _list(True, False)


@case(A)
def test_list_object_v1_versions(): _list(True, True)


@case(A)
def test_list_objects(): _list(False, False)


@case(A)
def test_list_object_versions(): _list(False, True)


def _count(b, prefix='', recursive=False):
    p = client().get_paginator('list_objects_v2')
    kw = {} if recursive else {'Delimiter': '/'}
    n = 0
    for page in p.paginate(Bucket=b, Prefix=prefix, **kw):
        n += len(page.get('Contents', [])) + len(page.get('CommonPrefixes', []))
    return n


@case(A)
def test_list_objects_with_prefix():
    c = client(); b = bucket(); path = ''
    for i in range(4):
        c.put_object(Bucket=b, Key='%s%d_obj' % (path, i), Body=rnd(KB)); path += '%d/' % i
    eq(_count(b, '', True), 4); eq(_count(b), 2); eq(_count(b, '0'), 2); eq(_count(b, '0/'), 2)
    eq(_count(b, '0/', True), 3); eq(_count(b, '0/1/2/'), 1)


@case(A)
def test_list_objects_with_1001_files():
    c = client(); b = bucket()
    for i in range(2000): c.put_object(Bucket=b, Key='obj_%d' % i, Body=b'x')
    eq(_count(b), 2000)


def _presign(method, key, b, expires=604800, **params):
    return client().generate_presigned_url(method, Params={'Bucket': b, 'Key': key, **params}, ExpiresIn=expires)


@case(A)
def test_presigned_get_object_default_expiry():
    c = client(); b = bucket(); c.put_object(Bucket=b, Key='o', Body=rnd(KB))
    eq(requests.get(_presign('get_object', 'o', b)).status_code, 200)


@case(A)
def test_presigned_get_object_expiry():
    c = client(); b = bucket(); c.put_object(Bucket=b, Key='o', Body=rnd(KB))
    eq(requests.get(_presign('get_object', 'o', b, 120)).status_code, 200)
    url = _presign('get_object', 'o', b, 1); time.sleep(2)
    assert requests.get(url).status_code != 200, 'expired URL served'


@case(A)
def test_presigned_get_object_response_headers():
    c = client(); b = bucket(); c.put_object(Bucket=b, Key='o', Body=rnd(KB))
    r = requests.get(_presign('get_object', 'o', b, 120, ResponseContentType='text/plain', ResponseContentLanguage='en_US'))
    eq((r.status_code, r.headers.get('Content-Type'), r.headers.get('Content-Language')), (200, 'text/plain', 'en_US'))


@case(A)
def test_presigned_get_object_version():
    c = client(); b = bucket(); c.put_bucket_versioning(Bucket=b, VersioningConfiguration={'Status': 'Enabled'})
    v = c.put_object(Bucket=b, Key='o', Body=rnd(KB))['VersionId']
    eq(requests.get(_presign('get_object', 'o', b, VersionId=v)).status_code, 200)


@case(A)
def test_presigned_put_object_default_expiry():
    b = bucket()
    eq(requests.put(_presign('put_object', 'o', b), data=rnd(KB)).status_code, 200)
    client().head_object(Bucket=b, Key='o')


@case(A)
def test_presigned_put_object_expiry():
    b = bucket(); url = _presign('put_object', 'o', b, 1); time.sleep(2)
    assert requests.put(url, data=rnd(KB)).status_code != 200, 'expired URL stored'


@case(A)
def test_presigned_post_policy():
    # The suite only builds the form; posting it is what a browser would do next.
    b = bucket()
    p = client().generate_presigned_post(b, 'objectPrefix/${filename}', Fields={'Content-Type': 'image/png'},
                                         Conditions=[['starts-with', '$key', 'objectPrefix/'],
                                                     ['content-length-range', 64 * KB, 10 * MB],
                                                     ['starts-with', '$Content-Type', 'image/']], ExpiresIn=864000)
    r = requests.post(p['url'], data=p['fields'], files={'file': ('a.png', rnd(100 * KB))})
    eq(r.status_code, 204, r.text[:200])
    client().head_object(Bucket=b, Key='objectPrefix/a.png')


@case(A)
def test_thread_safe():
    c = client(); b = bucket(); path = data('datafile-11-MB'); want = md5(path)
    for _ in range(5):
        c.upload_file(path, b, 'o')
    errors = []

    def get():
        try: eq(hashlib.md5(client().get_object(Bucket=b, Key='o')['Body'].read()).hexdigest(), want)
        except Exception as e: errors.append(e)
    ts = [threading.Thread(target=get) for _ in range(5)]
    for t in ts: t.start()
    for t in ts: t.join()
    if errors: raise errors[0]


@case(A)
def test_get_bucket_policy():
    b = bucket(); eq(err(client().get_bucket_policy, Bucket=b), (404, 'NoSuchBucketPolicy'))


def _actions(doc):
    acts = set()
    for s in doc['Statement']:
        for a in (s['Action'] if isinstance(s['Action'], list) else [s['Action']]): acts.add(a.replace('s3:', ''))
    return sorted(acts)


def _policy(statements, b):
    c = client()
    doc = {'Version': '2012-10-17', 'Statement': [dict(Sid='', Effect='Allow', Principal={'AWS': '*'}, **s) for s in statements]}
    c.put_bucket_policy(Bucket=b, Policy=json.dumps(doc))
    eq(_actions(json.loads(c.get_bucket_policy(Bucket=b)['Policy'])), _actions(doc))


@case(A)
def test_set_bucket_policy_readonly():
    b = bucket()
    _policy([{'Action': 's3:GetBucketLocation', 'Resource': 'arn:aws:s3:::' + b},
             {'Action': 's3:ListBucket', 'Resource': 'arn:aws:s3:::' + b},
             {'Action': 's3:GetObject', 'Resource': 'arn:aws:s3:::%s/*' % b}], b)


@case(A)
def test_set_bucket_policy_readwrite():
    b = bucket()
    _policy([{'Action': ['s3:GetBucketLocation'], 'Resource': ['arn:aws:s3:::' + b]},
             {'Action': ['s3:ListBucket'], 'Resource': ['arn:aws:s3:::' + b]},
             {'Action': ['s3:ListBucketMultipartUploads'], 'Resource': ['arn:aws:s3:::' + b]},
             {'Action': ['s3:ListMultipartUploadParts', 's3:GetObject', 's3:AbortMultipartUpload', 's3:DeleteObject',
                         's3:PutObject'], 'Resource': ['arn:aws:s3:::%s/*' % b]}], b)


@case(A)
def test_get_bucket_notification():
    r = client().get_bucket_notification_configuration(Bucket=bucket())
    for k in ('TopicConfigurations', 'QueueConfigurations', 'LambdaFunctionConfigurations'):
        assert not r.get(k), r


def _remove_objects(versioned):
    c = client(); b = bucket()
    if versioned: c.put_bucket_versioning(Bucket=b, VersioningConfiguration={'Status': 'Enabled'})
    objs = []
    for i in range(10):
        v = c.put_object(Bucket=b, Key='prefix-%d' % i, Body=rnd(KB)).get('VersionId')
        objs.append({'Key': 'prefix-%d' % i, **({'VersionId': v} if v else {})})
    r = c.delete_objects(Bucket=b, Delete={'Objects': objs})
    eq(r.get('Errors', []), [])
    c.delete_bucket(Bucket=b)


@case(A)
def test_remove_objects(): _remove_objects(False)


@case(A)
def test_remove_object_versions(): _remove_objects(True)


@case(A)
def test_remove_bucket():
    c = client(); b = bucket(); c.delete_bucket(Bucket=b)
    eq(err(c.head_bucket, Bucket=b)[0], 404)


@case(A)
def test_upload_snowball_objects():
    raise NA('a tar archive auto-extracted (x-amz-meta-snowball-auto-extract): a MinIO and Snowball Edge extension')


@case(A)
def test_upload_snowball_objects_with_staging():
    raise NA('a tar archive auto-extracted (x-amz-meta-snowball-auto-extract): a MinIO and Snowball Edge extension')
