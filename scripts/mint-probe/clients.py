"""Flows of rclone and s3cmd that RcloneIT and S3cmdIT do not cover (named by us): sync with
deletes, server-side move and copy, metadata, a 13-part multipart upload."""
import json, os
from harness import case, client, bucket, eq, err
from common import data, md5, s3cmd, rclone, tmpdir, name

CL = 'clients'


def _tree():
    d = tmpdir()
    os.makedirs(os.path.join(d, 'a/b'))
    for p, t in (('top.txt', 'top'), ('a/one.txt', 'one'), ('a/b/two.txt', 'two')):
        open(os.path.join(d, p), 'w').write(t)
    return d


@case(CL)
def s3cmd_sync_delete_removed_deletes_remote_files():
    n = 's3://' + name(); s3cmd('mb', n); d = _tree()
    s3cmd('sync', d + '/', n + '/t/'); os.remove(os.path.join(d, 'a/one.txt'))
    out = s3cmd('sync', '--delete-removed', d + '/', n + '/t/')[1]
    assert 'delete:' in out, out
    eq(sorted(o['Key'] for o in client().list_objects_v2(Bucket=n[5:])['Contents']), ['t/a/b/two.txt', 't/top.txt'])


@case(CL)
def s3cmd_modify_add_header_replaces_metadata_in_place():
    n = 's3://' + name(); s3cmd('mb', n); s3cmd('put', data('datafile-1-MB'), n + '/m')
    s3cmd('modify', '--add-header=x-amz-meta-colour:blue', '--add-header=Cache-Control:max-age=60', n + '/m')
    h = client().head_object(Bucket=n[5:], Key='m')
    eq((h['Metadata'].get('colour'), h.get('CacheControl'), h['ContentLength']), ('blue', 'max-age=60', 1024 * 1024))


@case(CL)
def s3cmd_mv_between_buckets_is_a_server_side_copy_then_delete():
    a, z = 's3://' + name(), 's3://' + name(); s3cmd('mb', a); s3cmd('mb', z)
    s3cmd('put', data('datafile-11-MB'), a + '/x'); s3cmd('mv', a + '/x', z + '/y')
    eq(err(client().head_object, Bucket=a[5:], Key='x')[0], 404)
    eq(client().head_object(Bucket=z[5:], Key='y')['ContentLength'], 11 * 1024 * 1024)


@case(CL)
def rclone_moveto_server_side_moves_and_removes_the_source():
    n = bucket(); c = client(); c.upload_file(data('datafile-11-MB'), n, 'src/big')
    rclone('moveto', 'c:%s/src/big' % n, 'c:%s/dst/big' % n)
    eq(err(c.head_object, Bucket=n, Key='src/big')[0], 404)
    eq(c.head_object(Bucket=n, Key='dst/big')['ContentLength'], 11 * 1024 * 1024)


@case(CL)
def rclone_metadata_set_on_upload_reads_back():
    n = bucket(); d = _tree()
    rclone('copyto', '-M', '--metadata-set', 'colour=blue', '--metadata-set', 'content-type=text/x-probe',
           os.path.join(d, 'top.txt'), 'c:%s/top.txt' % n)
    h = client().head_object(Bucket=n, Key='top.txt')
    eq((h['Metadata'].get('colour'), h['ContentType']), ('blue', 'text/x-probe'))
    got = json.loads(rclone('lsjson', '-M', 'c:%s/top.txt' % n)[1])[0]['Metadata']
    eq((got.get('colour'), got.get('content-type')), ('blue', 'text/x-probe'))


@case(CL)
def rclone_large_multipart_in_13_parts_four_at_a_time():
    n = bucket(); out = os.path.join(tmpdir(), 'back')
    rclone('copyto', '--s3-upload-cutoff', '5M', '--s3-chunk-size', '5M', '--s3-upload-concurrency', '4',
           data('datafile-65-MB'), 'c:%s/big' % n)
    etag = client().head_object(Bucket=n, Key='big')['ETag']
    assert etag.endswith('-13"'), etag
    rclone('copyto', 'c:%s/big' % n, out); eq(md5(out), md5(data('datafile-65-MB')))
    rclone('check', data('datafile-65-MB').rsplit('/', 1)[0], 'c:%s' % n, '--include', 'datafile-65-MB', '--download', ok=False)


@case(CL)
def rclone_sync_with_delete_before_and_server_side_copy_between_buckets():
    a, z = bucket(), bucket(); d = _tree()
    rclone('sync', d, 'c:%s/t' % a)
    rclone('sync', 'c:%s/t' % a, 'c:%s/t' % z)  # server-side copies
    os.remove(os.path.join(d, 'top.txt'))
    rclone('sync', '--delete-before', d, 'c:%s/t' % a)
    rclone('sync', 'c:%s/t' % a, 'c:%s/t' % z)
    eq(sorted(o['Key'] for o in client().list_objects_v2(Bucket=z)['Contents']), ['t/a/b/two.txt', 't/a/one.txt'])
