from harness import *
import os, xml.etree.ElementTree as ET

# ---- copy
@case('copy')
def object_copy_zero_size():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='foo123bar', Body=b''); c.copy_object(Bucket=b, Key='bar321foo', CopySource={'Bucket': b, 'Key': 'foo123bar'})
    eq(c.get_object(Bucket=b, Key='bar321foo')['ContentLength'], 0)
@case('copy')
def object_copy_same_bucket():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='foo123bar', Body='foo'); c.copy_object(Bucket=b, Key='bar321foo', CopySource={'Bucket': b, 'Key': 'foo123bar'})
    eq(body(c.get_object(Bucket=b, Key='bar321foo')), 'foo')
@case('copy')
def object_copy_verify_contenttype():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='foo123bar', Body='foo', ContentType='text/bla'); c.copy_object(Bucket=b, Key='bar321foo', CopySource={'Bucket': b, 'Key': 'foo123bar'})
    eq(c.get_object(Bucket=b, Key='bar321foo')['ContentType'], 'text/bla')
@case('copy')
def object_copy_to_itself():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='foo123bar', Body='foo')
    eq(err(c.copy_object, Bucket=b, Key='foo123bar', CopySource={'Bucket': b, 'Key': 'foo123bar'}), (400, 'InvalidRequest'))
@case('copy')
def object_copy_to_itself_with_metadata():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='foo123bar', Body='foo')
    c.copy_object(Bucket=b, Key='foo123bar', CopySource={'Bucket': b, 'Key': 'foo123bar'}, Metadata={'foo': 'bar'}, MetadataDirective='REPLACE')
    eq(c.get_object(Bucket=b, Key='foo123bar')['Metadata'], {'foo': 'bar'})
@case('copy')
def object_copy_diff_bucket():
    b1 = bucket(); b2 = bucket(); c = client(); c.put_object(Bucket=b1, Key='foo123bar', Body='foo'); c.copy_object(Bucket=b2, Key='bar321foo', CopySource={'Bucket': b1, 'Key': 'foo123bar'})
    eq(body(c.get_object(Bucket=b2, Key='bar321foo')), 'foo')
@case('copy')
def object_copy_not_owned_bucket():
    b1 = bucket(); b2 = bucket(alt()); client().put_object(Bucket=b1, Key='foo123bar', Body='foo')
    eq(err(alt().copy_object, Bucket=b2, Key='bar321foo', CopySource={'Bucket': b1, 'Key': 'foo123bar'})[0], 403)
@case('copy')
def object_copy_not_owned_object_bucket():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='foo123bar', Body='foo')
    g = {'Grantee': {'ID': ALT['canonicalUserId'], 'Type': 'CanonicalUser'}, 'Permission': 'FULL_CONTROL'}
    a = c.get_object_acl(Bucket=b, Key='foo123bar'); c.put_object_acl(Bucket=b, Key='foo123bar', AccessControlPolicy={'Owner': a['Owner'], 'Grants': a['Grants'] + [g]})
    a = c.get_bucket_acl(Bucket=b); c.put_bucket_acl(Bucket=b, AccessControlPolicy={'Owner': a['Owner'], 'Grants': a['Grants'] + [g]})
    alt().get_object(Bucket=b, Key='foo123bar'); alt().copy_object(Bucket=b, Key='bar321foo', CopySource={'Bucket': b, 'Key': 'foo123bar'})
@case('copy')
def object_copy_canned_acl():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='foo123bar', Body='foo')
    c.copy_object(Bucket=b, Key='bar321foo', CopySource={'Bucket': b, 'Key': 'foo123bar'}, ACL='public-read'); alt().get_object(Bucket=b, Key='bar321foo')
    c.copy_object(ACL='public-read', Bucket=b, CopySource={'Bucket': b, 'Key': 'bar321foo'}, Key='foo123bar', Metadata={'abc': 'def'}, MetadataDirective='REPLACE')
    alt().get_object(Bucket=b, Key='foo123bar')
@case('copy')
def object_copy_retaining_metadata():
    for size in [3, 1024 * 1024]:
        b = bucket(); c = client(); c.put_object(Bucket=b, Key='foo123bar', Metadata={'key1': 'value1', 'key2': 'value2'}, ContentType='audio/ogg', Body=bytearray(size))
        c.copy_object(Bucket=b, CopySource={'Bucket': b, 'Key': 'foo123bar'}, Key='bar321foo'); r = c.get_object(Bucket=b, Key='bar321foo')
        eq(r['ContentType'], 'audio/ogg'); eq(r['Metadata'], {'key1': 'value1', 'key2': 'value2'}); eq(r['ContentLength'], size)
@case('copy')
def object_copy_replacing_metadata():
    for size in [3, 1024 * 1024]:
        b = bucket(); c = client(); c.put_object(Bucket=b, Key='foo123bar', Metadata={'key1': 'value1', 'key2': 'value2'}, ContentType='audio/ogg', Body=bytearray(size))
        c.copy_object(Bucket=b, CopySource={'Bucket': b, 'Key': 'foo123bar'}, Key='bar321foo', Metadata={'key3': 'value3', 'key2': 'value2'}, MetadataDirective='REPLACE', ContentType='audio/mpeg')
        r = c.get_object(Bucket=b, Key='bar321foo'); eq(r['ContentType'], 'audio/mpeg'); eq(r['Metadata'], {'key3': 'value3', 'key2': 'value2'}); eq(r['ContentLength'], size)
@case('copy')
def object_copy_bucket_not_found():
    b = bucket(); eq(err(client().copy_object, Bucket=b, Key='bar321foo', CopySource={'Bucket': b + '-fake', 'Key': 'foo123bar'})[0], 404)
@case('copy')
def object_copy_key_not_found():
    b = bucket(); eq(err(client().copy_object, Bucket=b, Key='bar321foo', CopySource={'Bucket': b, 'Key': 'foo123bar'})[0], 404)
@case('copy')
def object_copy_versioned_bucket():
    b = bucket(); c = client(); c.put_bucket_versioning(Bucket=b, VersioningConfiguration={'Status': 'Enabled'})
    c.put_object(Bucket=b, Key='foo123bar', Body=bytearray(5)); v = c.get_object(Bucket=b, Key='foo123bar')['VersionId']
    c.copy_object(Bucket=b, CopySource={'Bucket': b, 'Key': 'foo123bar', 'VersionId': v}, Key='bar321foo'); eq(c.get_object(Bucket=b, Key='bar321foo')['ContentLength'], 5)
    b3 = bucket(); c.copy_object(Bucket=b3, CopySource={'Bucket': b, 'Key': 'foo123bar', 'VersionId': v}, Key='k5'); c.copy_object(Bucket=b, CopySource={'Bucket': b3, 'Key': 'k5'}, Key='k6')
    eq(c.get_object(Bucket=b, Key='k6')['ContentLength'], 5)
@case('copy')
def object_copy_versioned_url_encoding():
    b = bucket(); c = client(); c.put_bucket_versioning(Bucket=b, VersioningConfiguration={'Status': 'Enabled'})
    v = c.put_object(Bucket=b, Key='foo?bar')['VersionId']; c.copy_object(Bucket=b, Key='bar&foo', CopySource={'Bucket': b, 'Key': 'foo?bar', 'VersionId': v}); c.head_object(Bucket=b, Key='bar&foo')
@case('copy')
def copy_object_ifmatch_good():
    b = bucket(); c = client(); e = c.put_object(Bucket=b, Key='foo', Body='bar')['ETag']
    c.copy_object(Bucket=b, CopySource={'Bucket': b, 'Key': 'foo'}, CopySourceIfMatch=e, Key='bar'); eq(body(c.get_object(Bucket=b, Key='bar')), 'bar')
@case('copy')
def copy_object_ifmatch_failed():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='foo', Body='bar')
    eq(err(c.copy_object, Bucket=b, CopySource={'Bucket': b, 'Key': 'foo'}, CopySourceIfMatch='ABCORZ', Key='bar'), (412, 'PreconditionFailed'))
@case('copy')
def copy_object_ifnonematch_good():
    b = bucket(); c = client(); e = c.put_object(Bucket=b, Key='foo', Body='bar')['ETag']
    eq(err(c.copy_object, Bucket=b, CopySource={'Bucket': b, 'Key': 'foo'}, CopySourceIfNoneMatch=e, Key='bar'), (412, 'PreconditionFailed'))
@case('copy')
def copy_object_ifnonematch_failed():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='foo', Body='bar')
    c.copy_object(Bucket=b, CopySource={'Bucket': b, 'Key': 'foo'}, CopySourceIfNoneMatch='ABCORZ', Key='bar'); eq(body(c.get_object(Bucket=b, Key='bar')), 'bar')

# ---- multipart
def mpu(b, k, size, part=5 * 1024 * 1024, c=None, **kw):
    c = c or client(); u = c.create_multipart_upload(Bucket=b, Key=k, **kw)['UploadId']; parts = []; data = b''
    for i, off in enumerate(range(0, size, part)):
        p = os.urandom(min(part, size - off)); data += p
        parts.append({'ETag': c.upload_part(UploadId=u, Bucket=b, Key=k, PartNumber=i + 1, Body=p)['ETag'], 'PartNumber': i + 1})
    return u, data, parts
@case('multipart')
def multipart_upload_empty():
    b = bucket(); c = client(); u, _, _ = mpu(b, 'k', 0); eq(err(c.complete_multipart_upload, Bucket=b, Key='k', UploadId=u), (400, 'MalformedXML'))
@case('multipart')
def multipart_upload_small():
    b = bucket(); c = client(); u, d, p = mpu(b, 'k', 1); c.complete_multipart_upload(Bucket=b, Key='k', UploadId=u, MultipartUpload={'Parts': p})
    eq(c.get_object(Bucket=b, Key='k')['ContentLength'], 1); c.complete_multipart_upload(Bucket=b, Key='k', UploadId=u, MultipartUpload={'Parts': p})
@case('multipart')
def multipart_upload():
    b = bucket(); c = client(); u, d, p = mpu(b, 'k', 30 * 1024 * 1024, ContentType='text/bla', Metadata={'foo': 'bar'})
    c.complete_multipart_upload(Bucket=b, Key='k', UploadId=u, MultipartUpload={'Parts': p}); c.complete_multipart_upload(Bucket=b, Key='k', UploadId=u, MultipartUpload={'Parts': p})
    r = c.get_object(Bucket=b, Key='k'); eq(r['ContentType'], 'text/bla'); eq(r['Metadata'], {'foo': 'bar'}); eq(r['Body'].read() == d, True)
    r = c.get_object(Bucket=b, Key='k', Range='bytes=5000000-15000000'); eq(r['Body'].read() == d[5000000:15000001], True)
    eq(c.head_object(Bucket=b, Key='k')['ETag'].endswith('-6"'), True)
@case('multipart')
def multipart_copy_small():
    s = bucket(); client().put_object(Bucket=s, Key='foo', Body=os.urandom(7 * 1024 * 1024)); d = bucket(); c = client()
    u = c.create_multipart_upload(Bucket=d, Key='mp')['UploadId']
    r = c.upload_part_copy(Bucket=d, Key='mp', CopySource={'Bucket': s, 'Key': 'foo'}, PartNumber=1, UploadId=u, CopySourceRange='bytes=0-0')
    c.complete_multipart_upload(Bucket=d, Key='mp', UploadId=u, MultipartUpload={'Parts': [{'ETag': r['CopyPartResult']['ETag'], 'PartNumber': 1}]})
    eq(c.get_object(Bucket=d, Key='mp')['ContentLength'], 1)
@case('multipart')
def multipart_copy_invalid_range():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='source', Body='abcde'); u = c.create_multipart_upload(Bucket=b, Key='dest')['UploadId']
    st = err(c.upload_part_copy, Bucket=b, Key='dest', UploadId=u, CopySource={'Bucket': b, 'Key': 'source'}, CopySourceRange='bytes=0-21', PartNumber=1)
    assert st[0] in (400, 416) and st[1] == 'InvalidRange', st
@case('multipart')
def multipart_copy_improper_range():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='source', Body='abcde'); u = c.create_multipart_upload(Bucket=b, Key='dest')['UploadId']
    bad = []
    for r in ['0-2', 'bytes=0', 'bytes=hello-world', 'bytes=0-bar', 'bytes=hello-', 'bytes=0-2,3-5']:
        st = err(c.upload_part_copy, Bucket=b, Key='dest', UploadId=u, CopySource={'Bucket': b, 'Key': 'source'}, CopySourceRange=r, PartNumber=1)
        if st != (400, 'InvalidArgument'): bad.append((r, st))
    eq(bad, [])
@case('multipart')
def multipart_copy_without_range():
    s = bucket(); c = client(); c.put_object(Bucket=s, Key='source', Body='0123456789'); d = bucket(); u = c.create_multipart_upload(Bucket=d, Key='mp')['UploadId']
    r = c.upload_part_copy(Bucket=d, Key='mp', CopySource={'Bucket': s, 'Key': 'source'}, PartNumber=1, UploadId=u)
    c.complete_multipart_upload(Bucket=d, Key='mp', UploadId=u, MultipartUpload={'Parts': [{'ETag': r['CopyPartResult']['ETag'], 'PartNumber': 1}]})
    eq(c.get_object(Bucket=d, Key='mp')['ContentLength'], 10)
@case('multipart')
def multipart_copy_special_names():
    s = bucket(); d = bucket(); c = client()
    for k in (' ', '_', '__', '?versionId'):
        c.put_object(Bucket=s, Key=k, Body='xyz'); u = c.create_multipart_upload(Bucket=d, Key='mp')['UploadId']
        r = c.upload_part_copy(Bucket=d, Key='mp', CopySource={'Bucket': s, 'Key': k}, PartNumber=1, UploadId=u, CopySourceRange='bytes=0-0')
        c.complete_multipart_upload(Bucket=d, Key='mp', UploadId=u, MultipartUpload={'Parts': [{'ETag': r['CopyPartResult']['ETag'], 'PartNumber': 1}]})
        eq(body(c.get_object(Bucket=d, Key='mp')), 'x')
@case('multipart')
def multipart_upload_resend_part():
    b = bucket(); c = client(); u = c.create_multipart_upload(Bucket=b, Key='k')['UploadId']; p1 = os.urandom(5 * 1024 * 1024); p2 = b'tail'
    c.upload_part(UploadId=u, Bucket=b, Key='k', PartNumber=1, Body=os.urandom(5 * 1024 * 1024)); e1 = c.upload_part(UploadId=u, Bucket=b, Key='k', PartNumber=1, Body=p1)['ETag']
    e2 = c.upload_part(UploadId=u, Bucket=b, Key='k', PartNumber=2, Body=p2)['ETag']
    c.complete_multipart_upload(Bucket=b, Key='k', UploadId=u, MultipartUpload={'Parts': [{'ETag': e1, 'PartNumber': 1}, {'ETag': e2, 'PartNumber': 2}]})
    eq(c.get_object(Bucket=b, Key='k')['Body'].read() == p1 + p2, True)
@case('multipart')
def multipart_upload_multiple_sizes():
    b = bucket(); c = client()
    for n in (5 * 1024 * 1024, 5 * 1024 * 1024 + 100 * 1024, 10 * 1024 * 1024 + 100 * 1024):
        u, d, p = mpu(b, 'k', n); c.complete_multipart_upload(Bucket=b, Key='k', UploadId=u, MultipartUpload={'Parts': p})
@case('multipart')
def multipart_upload_size_too_small():
    b = bucket(); c = client(); u, d, p = mpu(b, 'k', 100 * 1024, part=10 * 1024)
    eq(err(c.complete_multipart_upload, Bucket=b, Key='k', UploadId=u, MultipartUpload={'Parts': p}), (400, 'EntityTooSmall'))
@case('multipart')
def multipart_upload_overwrite_existing_object():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='k', Body='x' * 10); u, d, p = mpu(b, 'k', 6 * 1024 * 1024)
    c.complete_multipart_upload(Bucket=b, Key='k', UploadId=u, MultipartUpload={'Parts': p}); eq(c.get_object(Bucket=b, Key='k')['Body'].read() == d, True)
@case('multipart')
def abort_multipart_upload():
    b = bucket(); c = client(); u, d, p = mpu(b, 'k', 6 * 1024 * 1024); c.abort_multipart_upload(Bucket=b, Key='k', UploadId=u)
    eq(c.list_multipart_uploads(Bucket=b).get('Uploads', []), []); eq(err(c.list_parts, Bucket=b, Key='k', UploadId=u), (404, 'NoSuchUpload'))
@case('multipart')
def abort_multipart_upload_not_found():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='k'); eq(err(c.abort_multipart_upload, Bucket=b, Key='k', UploadId='56788'), (404, 'NoSuchUpload'))
@case('multipart')
def list_multipart_upload():
    b = bucket(); c = client(); ids = [c.create_multipart_upload(Bucket=b, Key=k)['UploadId'] for k in ('mymultipart', 'mymultipart', 'mymultipart2')]
    got = [x['UploadId'] for x in c.list_multipart_uploads(Bucket=b)['Uploads']]
    for i in ids: assert i in got
@case('multipart')
def list_multipart_upload_owner():
    b = bucket(); c = client(); c.put_bucket_acl(Bucket=b, ACL='public-read-write')
    u1 = c.create_multipart_upload(Bucket=b, Key='multipart1')['UploadId']; u2 = alt().create_multipart_upload(Bucket=b, Key='multipart2')['UploadId']
    me = c.get_bucket_acl(Bucket=b)['Owner']
    for cl in (c, alt()):
        ups = cl.list_multipart_uploads(Bucket=b)['Uploads']; eq(len(ups), 2)
        eq((ups[0]['Key'], ups[0]['UploadId'], ups[0]['Initiator']['ID'], ups[0]['Owner']['ID']), ('multipart1', u1, me['ID'], me['ID']))
        eq((ups[1]['Key'], ups[1]['UploadId'], ups[1]['Initiator']['ID'], ups[1]['Owner']['ID']), ('multipart2', u2, ALT['canonicalUserId'], ALT['canonicalUserId']))
@case('multipart')
def multipart_upload_missing_part():
    b = bucket(); c = client(); u = c.create_multipart_upload(Bucket=b, Key='k')['UploadId']; e = c.upload_part(UploadId=u, Bucket=b, Key='k', PartNumber=1, Body=b'\x00')['ETag']
    eq(err(c.complete_multipart_upload, Bucket=b, Key='k', UploadId=u, MultipartUpload={'Parts': [{'ETag': e, 'PartNumber': 9999}]}), (400, 'InvalidPart'))
@case('multipart')
def multipart_upload_incorrect_etag():
    b = bucket(); c = client(); u = c.create_multipart_upload(Bucket=b, Key='k')['UploadId']; c.upload_part(UploadId=u, Bucket=b, Key='k', PartNumber=1, Body=b'\x00')
    eq(err(c.complete_multipart_upload, Bucket=b, Key='k', UploadId=u, MultipartUpload={'Parts': [{'ETag': 'ffffffffffffffffffffffffffffffff', 'PartNumber': 1}]}), (400, 'InvalidPart'))
@case('multipart')
def atomic_multipart_upload_write():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='foo', Body='bar'); u = c.create_multipart_upload(Bucket=b, Key='foo')['UploadId']
    eq(body(c.get_object(Bucket=b, Key='foo')), 'bar'); c.abort_multipart_upload(Bucket=b, Key='foo', UploadId=u); eq(body(c.get_object(Bucket=b, Key='foo')), 'bar')
@case('multipart')
def list_parts_paged():
    b = bucket(); c = client(); u = c.create_multipart_upload(Bucket=b, Key='k')['UploadId']
    for i in range(1, 4): c.upload_part(UploadId=u, Bucket=b, Key='k', PartNumber=i, Body=b'x')
    r = c.list_parts(Bucket=b, Key='k', UploadId=u, MaxParts=2); eq([p['PartNumber'] for p in r['Parts']], [1, 2]); eq(r['IsTruncated'], True)
    r = c.list_parts(Bucket=b, Key='k', UploadId=u, PartNumberMarker=r['NextPartNumberMarker']); eq([p['PartNumber'] for p in r['Parts']], [3])
@case('multipart')
def multipart_get_part():
    b = bucket(); c = client(); u, d, p = mpu(b, 'k', 6 * 1024 * 1024); c.complete_multipart_upload(Bucket=b, Key='k', UploadId=u, MultipartUpload={'Parts': p})
    r = c.get_object(Bucket=b, Key='k', PartNumber=2); eq(r['PartsCount'], 2); eq(r['ContentLength'], 1024 * 1024); eq(r['ResponseMetadata']['HTTPStatusCode'], 206)
    eq(err(c.get_object, Bucket=b, Key='k', PartNumber=3), (400, 'InvalidPartNumber'))
@case('multipart')
def non_multipart_get_part():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='k', Body='abc'); r = c.get_object(Bucket=b, Key='k', PartNumber=1); eq(body(r), 'abc')
    eq(err(c.get_object, Bucket=b, Key='k', PartNumber=2), (400, 'InvalidPartNumber'))

# ---- versioning
def vbucket():
    b = bucket(); client().put_bucket_versioning(Bucket=b, VersioningConfiguration={'Status': 'Enabled'}); return b
@case('versioning')
def versioning_bucket_create_suspend():
    b = bucket(); c = client(); eq(c.get_bucket_versioning(Bucket=b).get('Status'), None)
    for s in ('Suspended', 'Enabled', 'Enabled', 'Suspended'):
        c.put_bucket_versioning(Bucket=b, VersioningConfiguration={'Status': s}); eq(c.get_bucket_versioning(Bucket=b)['Status'], s)
@case('versioning')
def versioning_obj_create_read_remove():
    b = vbucket(); c = client(); vs = [c.put_object(Bucket=b, Key='t', Body='content-%d' % i)['VersionId'] for i in range(5)]
    for i, v in enumerate(vs): eq(body(c.get_object(Bucket=b, Key='t', VersionId=v)), 'content-%d' % i)
    for v in vs[::-1]: c.delete_object(Bucket=b, Key='t', VersionId=v)
    eq('Versions' in c.list_object_versions(Bucket=b), False)
@case('versioning')
def versioning_obj_create_read_remove_head():
    b = vbucket(); c = client(); vs = [c.put_object(Bucket=b, Key='t', Body='content-%d' % i)['VersionId'] for i in range(5)]
    c.delete_object(Bucket=b, Key='t', VersionId=vs.pop()); eq(body(c.get_object(Bucket=b, Key='t')), 'content-3')
    r = c.delete_object(Bucket=b, Key='t'); eq(r['DeleteMarker'], True); dm = r['VersionId']
    r = c.list_object_versions(Bucket=b); eq(len(r['Versions']), 4); eq(len(r['DeleteMarkers']), 1); eq(r['DeleteMarkers'][0]['VersionId'], dm)
@case('versioning')
def versioning_obj_plain_null_version_removal():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='k', Body='fooz'); c.put_bucket_versioning(Bucket=b, VersioningConfiguration={'Status': 'Enabled'})
    c.delete_object(Bucket=b, Key='k', VersionId='null'); eq(err(c.get_object, Bucket=b, Key='k'), (404, 'NoSuchKey')); eq('Versions' in c.list_object_versions(Bucket=b), False)
@case('versioning')
def versioning_obj_plain_null_version_overwrite():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='k', Body='fooz'); c.put_bucket_versioning(Bucket=b, VersioningConfiguration={'Status': 'Enabled'})
    c.put_object(Bucket=b, Key='k', Body='zzz'); r = c.get_object(Bucket=b, Key='k'); eq(body(r), 'zzz')
    c.delete_object(Bucket=b, Key='k', VersionId=r['VersionId']); eq(body(c.get_object(Bucket=b, Key='k')), 'fooz')
    c.delete_object(Bucket=b, Key='k', VersionId='null'); eq(err(c.get_object, Bucket=b, Key='k'), (404, 'NoSuchKey'))
@case('versioning')
def versioning_obj_plain_null_version_overwrite_suspended():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='k', Body='foooz')
    for s in ('Enabled', 'Suspended'): c.put_bucket_versioning(Bucket=b, VersioningConfiguration={'Status': s})
    c.put_object(Bucket=b, Key='k', Body='zzz'); eq(body(c.get_object(Bucket=b, Key='k')), 'zzz'); eq(len(c.list_object_versions(Bucket=b)['Versions']), 1)
    c.delete_object(Bucket=b, Key='k', VersionId='null'); eq(err(c.get_object, Bucket=b, Key='k'), (404, 'NoSuchKey'))
@case('versioning')
def versioning_obj_suspend_versions():
    b = vbucket(); c = client(); vs = [c.put_object(Bucket=b, Key='t', Body='c%d' % i)['VersionId'] for i in range(3)]
    c.put_bucket_versioning(Bucket=b, VersioningConfiguration={'Status': 'Suspended'})
    c.delete_object(Bucket=b, Key='t'); c.delete_object(Bucket=b, Key='t'); c.put_object(Bucket=b, Key='t', Body='null content 1')
    r = c.list_object_versions(Bucket=b); ids = [v['VersionId'] for v in r['Versions']]
    eq(sorted(ids), sorted(vs + ['null'])); eq(len(r.get('DeleteMarkers', [])), 0)
    eq(body(c.get_object(Bucket=b, Key='t', VersionId='null')), 'null content 1')
@case('versioning')
def versioning_obj_create_versions_remove_special_names():
    b = vbucket(); c = client()
    for k in ['_testobj', '_', ':', ' ']:
        vs = [c.put_object(Bucket=b, Key=k, Body='x%d' % i)['VersionId'] for i in range(3)]
        for v in vs: c.delete_object(Bucket=b, Key=k, VersionId=v)
    eq('Versions' in c.list_object_versions(Bucket=b), False)
@case('versioning')
def versioning_obj_list_marker():
    b = vbucket(); c = client(); v1 = [c.put_object(Bucket=b, Key='testobj', Body='c%d' % i)['VersionId'] for i in range(5)]
    v2 = [c.put_object(Bucket=b, Key='testobj-1', Body='c%d' % i)['VersionId'] for i in range(5)]
    r = c.list_object_versions(Bucket=b)['Versions']; eq([v['VersionId'] for v in r], v1[::-1] + v2[::-1]); eq([v['IsLatest'] for v in r][0], True)
@case('versioning')
def versioning_copy_obj_version():
    b = vbucket(); c = client(); vs = [c.put_object(Bucket=b, Key='t', Body='c%d' % i)['VersionId'] for i in range(3)]; b2 = bucket()
    for i, v in enumerate(vs):
        c.copy_object(Bucket=b2, CopySource={'Bucket': b, 'Key': 't', 'VersionId': v}, Key='k%d' % i); eq(body(c.get_object(Bucket=b2, Key='k%d' % i)), 'c%d' % i)
@case('versioning')
def versioning_multi_object_delete():
    b = vbucket(); c = client(); vs = [c.put_object(Bucket=b, Key='k', Body='x')['VersionId'] for i in range(2)]
    r = c.delete_objects(Bucket=b, Delete={'Objects': [{'Key': 'k', 'VersionId': v} for v in vs]}); eq(len(r['Deleted']), 2)
    eq('Versions' in c.list_object_versions(Bucket=b), False)
    r = c.delete_objects(Bucket=b, Delete={'Objects': [{'Key': 'k', 'VersionId': v} for v in vs]}); eq(len(r['Deleted']), 2)
@case('versioning')
def versioning_multi_object_delete_with_marker():
    b = vbucket(); c = client(); v = c.put_object(Bucket=b, Key='k', Body='x')['VersionId']; dm = c.delete_object(Bucket=b, Key='k')['VersionId']
    r = c.delete_objects(Bucket=b, Delete={'Objects': [{'Key': 'k', 'VersionId': v}, {'Key': 'k', 'VersionId': dm}]})
    eq(len(r['Deleted']), 2); m = [d for d in r['Deleted'] if d['VersionId'] == dm][0]; eq(m['DeleteMarker'], True); eq(m['DeleteMarkerVersionId'], dm)
@case('versioning')
def versioning_multi_object_delete_with_marker_create():
    b = vbucket(); c = client(); r = c.delete_objects(Bucket=b, Delete={'Objects': [{'Key': 'k'}]})
    d = r['Deleted'][0]; eq(d['DeleteMarker'], True); dm = c.list_object_versions(Bucket=b)['DeleteMarkers'][0]; eq(d['DeleteMarkerVersionId'], dm['VersionId'])
@case('versioning')
def versioned_object_acl():
    b = vbucket(); c = client(); v = c.put_object(Bucket=b, Key='k', Body='x')['VersionId']; c.put_object_acl(Bucket=b, Key='k', VersionId=v, ACL='public-read')
    gs = c.get_object_acl(Bucket=b, Key='k', VersionId=v)['Grants']; eq(len(gs), 2); c.put_object(Bucket=b, Key='k', Body='y')
    eq(len(c.get_object_acl(Bucket=b, Key='k')['Grants']), 1); eq(len(c.get_object_acl(Bucket=b, Key='k', VersionId=v)['Grants']), 2)
@case('versioning')
def versioning_bucket_atomic_upload_return_version_id():
    b = vbucket(); c = client(); assert c.put_object(Bucket=b, Key='k')['VersionId']
    b2 = bucket(); eq('VersionId' in c.put_object(Bucket=b2, Key='k'), False)
    b3 = bucket(); c.put_bucket_versioning(Bucket=b3, VersioningConfiguration={'Status': 'Suspended'}); eq(c.put_object(Bucket=b3, Key='k').get('VersionId'), 'null')
@case('versioning')
def versioning_bucket_multipart_upload_return_version_id():
    b = vbucket(); c = client(); u, d, p = mpu(b, 'k', 1); assert c.complete_multipart_upload(Bucket=b, Key='k', UploadId=u, MultipartUpload={'Parts': p})['VersionId']
    b2 = bucket(); u, d, p = mpu(b2, 'k', 1); eq('VersionId' in c.complete_multipart_upload(Bucket=b2, Key='k', UploadId=u, MultipartUpload={'Parts': p}), False)
@case('versioning')
def get_versioned_object_attributes():
    b = vbucket(); c = client(); v = c.put_object(Bucket=b, Key='k', Body='abc')['VersionId']
    r = c.get_object_attributes(Bucket=b, Key='k', VersionId=v, ObjectAttributes=['ETag', 'ObjectSize', 'StorageClass']); eq(r['ObjectSize'], 3); eq(r['VersionId'], v)
@case('versioning')
def versioning_delete_marker_get_head():
    b = vbucket(); c = client(); c.put_object(Bucket=b, Key='k', Body='x'); dm = c.delete_object(Bucket=b, Key='k')['VersionId']
    st = err(c.get_object, Bucket=b, Key='k'); eq(st, (404, 'NoSuchKey'))
    st = err(c.get_object, Bucket=b, Key='k', VersionId=dm); eq(st[0], 405)
@case('versioning')
def versioning_list_versions_key_marker():
    b = vbucket(); c = client(); [c.put_object(Bucket=b, Key=k, Body='x') for k in ('a', 'a', 'b', 'c')]
    r = c.list_object_versions(Bucket=b, MaxKeys=2); eq(r['IsTruncated'], True); eq(len(r['Versions']), 2)
    r2 = c.list_object_versions(Bucket=b, KeyMarker=r['NextKeyMarker'], VersionIdMarker=r['NextVersionIdMarker']); eq([v['Key'] for v in r2['Versions']], ['b', 'c'])
