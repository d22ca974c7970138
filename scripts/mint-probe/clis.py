"""mint's aws CLI and s3cmd suites (run/core/awscli/test.sh, run/core/s3cmd/test.sh), run with the
real clients as those scripts run them, one check per function, named as there."""
import json, os, shutil
from harness import case, client, bucket, eq, err
from common import data, md5, aws, s3cmd, rclone, tmpdir, name

AW, S3C = 'awscli', 's3cmd'


@case(AW)
def createBucket_01():
    n = name(); aws('s3api', 'create-bucket', '--bucket', n); aws('s3api', 'head-bucket', '--bucket', n)
    aws('s3api', 'delete-bucket', '--bucket', n)


@case(AW)
def createObject_02():
    n = name(); aws('s3api', 'create-bucket', '--bucket', n); out = os.path.join(tmpdir(), 'down')
    aws('s3api', 'put-object', '--body', data('datafile-1-MB'), '--bucket', n, '--key', 'datafile-1-MB')
    aws('s3api', 'get-object', '--bucket', n, '--key', 'datafile-1-MB', out)
    eq(md5(out), md5(data('datafile-1-MB')))
    aws('s3api', 'delete-object', '--bucket', n, '--key', 'datafile-1-MB'); aws('s3api', 'delete-bucket', '--bucket', n)


@case(AW)
def listObjects_03():
    n = name(); aws('s3api', 'create-bucket', '--bucket', n)
    aws('s3api', 'put-object', '--body', data('datafile-1-MB'), '--bucket', n, '--key', 'datafile-1-MB')
    for api in ('list-objects', 'list-objects-v2'):
        eq([o['Key'] for o in json.loads(aws('s3api', api, '--bucket', n, '--prefix', 'datafile-1-MB')[1]).get('Contents', [])],
           ['datafile-1-MB'])
        out = aws('s3api', api, '--bucket', n, '--prefix', 'linux')[1]
        eq(json.loads(out).get('Contents', []) if out.strip() else [], [])


@case(AW)
def multipart_04():
    n = name(); k = name(); aws('s3api', 'create-bucket', '--bucket', n)
    u = json.loads(aws('s3api', 'create-multipart-upload', '--bucket', n, '--key', k)[1])['UploadId']
    parts = []
    for i, f in ((1, 'datafile-5-MB'), (2, 'datafile-1-MB')):
        e = json.loads(aws('s3api', 'upload-part', '--bucket', n, '--key', k, '--body', data(f), '--upload-id', u,
                           '--part-number', str(i))[1])['ETag']
        parts.append({'ETag': e, 'PartNumber': i})
    path = os.path.join(tmpdir(), 'mpu.json'); json.dump({'Parts': parts}, open(path, 'w'))
    etag = json.loads(aws('s3api', 'complete-multipart-upload', '--multipart-upload', 'file://' + path, '--bucket', n,
                          '--key', k, '--upload-id', u)[1])['ETag']
    assert etag.strip('"').endswith('-2'), etag


@case(AW)
def copyObject_05():
    n = name(); aws('s3api', 'create-bucket', '--bucket', n)
    aws('s3api', 'put-object', '--body', data('datafile-1-MB'), '--bucket', n, '--key', 'datafile-1-MB')
    r = json.loads(aws('s3api', 'copy-object', '--bucket', n, '--key', 'datafile-1-MB-copy', '--copy-source',
                       n + '/datafile-1-MB')[1])
    eq(r['CopyObjectResult']['ETag'].strip('"'), md5(data('datafile-1-MB')))


@case(AW)
def presignedObject_06():
    import requests
    n = name(); aws('s3api', 'create-bucket', '--bucket', n)
    aws('s3api', 'put-object', '--body', data('datafile-1-MB'), '--bucket', n, '--key', 'datafile-1-MB')
    url = aws('s3', 'presign', 's3://%s/datafile-1-MB' % n)[1].strip()
    import hashlib
    eq(hashlib.md5(requests.get(url).content).hexdigest(), md5(data('datafile-1-MB')))


@case(AW)
def copy_07():
    n = name(); aws('s3api', 'create-bucket', '--bucket', n)
    aws('s3', 'cp', data('datafile-65-MB'), 's3://%s/datafile-65-MB' % n)
    aws('s3', 'rm', 's3://%s/datafile-65-MB' % n); aws('s3', 'rb', 's3://%s/' % n)


@case(AW)
def sync_08():
    n = name(); aws('s3api', 'create-bucket', '--bucket', n)
    aws('s3', 'sync', os.environ.get('MINT_DATA_DIR', '/tmp/mint-files'), 's3://%s/' % n)
    aws('s3', 'rm', '--recursive', 's3://%s/' % n); aws('s3api', 'delete-bucket', '--bucket', n)


@case(AW)
def listObjects_error_01():
    n = name(); aws('s3api', 'create-bucket', '--bucket', n)
    aws('s3api', 'put-object', '--body', data('datafile-1-MB'), '--bucket', n, '--key', 'datafile-1-MB')
    for api in ('list-objects', 'list-objects-v2'):
        eq(aws('s3api', api, '--bucket', n, '--prefix', 'datafile-1-MB', '--max-keys=-1', ok=False)[0], 255, api)
    eq(aws('s3api', 'list-objects-v2', '--bucket', n, '--prefix', 'datafile-1-MB', '--max-keys=0', ok=False)[0], 0)


@case(AW)
def putObject_error_02():
    n = name(); aws('s3api', 'create-bucket', '--bucket', n)
    # The suite expects a refusal of the key "/2123123\123"; S3 stores any UTF-8 key, so does Coffer.
    rc_name = aws('s3api', 'put-object', '--body', data('datafile-1-MB'), '--bucket', n, '--key', '/2123123\\123', ok=False)[0]
    eq(aws('s3api', 'put-object', '--body', data('datafile-1-MB'), '--bucket', n, '--key', 'datafile-1-MB',
           '--content-md5', 'invalid', ok=False)[0], 255, 'invalid Content-MD5')
    eq(aws('s3api', 'put-object', '--body', data('datafile-1-MB'), '--bucket', n, '--key', 'datafile-1-MB',
           '--content-length', '-1', ok=False)[0], 255, 'Content-Length -1')
    eq(rc_name, 255, 'the key /2123123\\123 (S3 accepts it)')


@case(S3C)
def test_make_bucket():
    n = name(); s3cmd('mb', 's3://' + n); s3cmd('rb', 's3://' + n)


@case(S3C)
def test_make_bucket_error():
    eq(s3cmd('mb', 's3://S3CMD-test%bucket%1', ok=False)[0] != 0, True)


_S3B = []


def s3b():
    if not _S3B:
        _S3B.append(name()); s3cmd('mb', 's3://' + _S3B[0])
    return 's3://' + _S3B[0]


@case(S3C)
def test_put_object():
    s3cmd('put', data('datafile-1-MB'), s3b() + '/o1'); s3cmd('rm', s3b() + '/o1')


@case(S3C)
def test_put_object_error():
    # A key of 1,118 bytes: S3's limit is 1,024 (KeyTooLongError).
    eq(s3cmd('put', data('datafile-1-MB'), s3b() + '/s3cmd-test-object-' + '0' * 1099 + '1', ok=False)[0] != 0, True)


@case(S3C)
def test_put_object_multipart():
    s3cmd('put', data('datafile-65-MB'), s3b() + '/big'); s3cmd('rm', s3b() + '/big')


def _get(f):
    out = os.path.join(tmpdir(), 'down')
    s3cmd('put', data(f), s3b() + '/g'); s3cmd('get', s3b() + '/g', out)
    eq(md5(out), md5(data(f))); s3cmd('rm', s3b() + '/g')


@case(S3C)
def test_get_object(): _get('datafile-1-MB')


@case(S3C)
def test_get_object_error():
    s3cmd('put', data('datafile-1-MB'), s3b() + '/gone'); s3cmd('rm', s3b() + '/gone')
    eq(s3cmd('get', s3b() + '/gone', os.path.join(tmpdir(), 'x'), ok=False)[0] != 0, True)


@case(S3C)
def test_get_object_multipart(): _get('datafile-65-MB')


@case(S3C)
def test_sync_list_objects():
    n = 's3://' + name(); s3cmd('mb', n); src = os.environ.get('MINT_DATA_DIR', '/tmp/mint-files')
    s3cmd('sync', src + '/', n)
    listed = sorted(l.split()[-1].rsplit('/', 1)[-1] for l in s3cmd('ls', n)[1].splitlines() if l.strip())
    eq(listed, sorted(os.listdir(src)))
    s3cmd('rb', '--force', '--recursive', n)
