from harness import *
from collections import OrderedDict
class pytz: utc = datetime.timezone.utc

# ---- bucket basics / naming
@case('bucket')
def bucket_delete_notexist(): eq(err(client().delete_bucket, Bucket=bname()), (404, 'NoSuchBucket'))
@case('bucket')
def bucket_delete_nonempty(): b = objs(['foo']); eq(err(client().delete_bucket, Bucket=b), (409, 'BucketNotEmpty'))
@case('bucket')
def bucket_create_delete():
    b = bucket(); c = client(); c.delete_bucket(Bucket=b); eq(err(c.delete_bucket, Bucket=b), (404, 'NoSuchBucket'))
@case('bucket')
def object_write_to_nonexist_bucket(): eq(err(client().put_object, Bucket='whatchutalkinboutwillis', Key='foo', Body='foo'), (404, 'NoSuchBucket'))
@case('bucket')
def bucket_head(): b = bucket(); eq(client().head_bucket(Bucket=b)['ResponseMetadata']['HTTPStatusCode'], 200)
@case('bucket')
def bucket_head_notexist(): eq(err(client().head_bucket, Bucket=bname())[0], 404)
@case('bucket')
def bucket_create_exists():
    b = bucket(); c = client()
    try: c.create_bucket(Bucket=b)
    except ClientError as e: eq(e.response['Error']['Code'], 'BucketAlreadyOwnedByYou')
@case('bucket')
def bucket_create_exists_nonowner():
    b = bucket(); eq(err(alt().create_bucket, Bucket=b), (409, 'BucketAlreadyExists'))
@case('bucket')
def bucket_recreate_not_overriding():
    b = objs(['mykey1', 'mykey2']); c = client()
    try: c.create_bucket(Bucket=b)
    except ClientError: pass
    eq(keys(c.list_objects(Bucket=b)), ['mykey1', 'mykey2'])
@case('bucket')
def bucket_get_location():
    b = bucket(); r = client().get_bucket_location(Bucket=b); eq(r.get('LocationConstraint'), None)
@case('bucket')
def buckets_create_then_list():
    names = [bucket() for _ in range(3)]; got = [x['Name'] for x in client().list_buckets()['Buckets']]
    for n in names: assert n in got
@case('bucket')
def buckets_list_ctime():
    bucket(); before = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=1)
    for x in client().list_buckets()['Buckets']: assert x['CreationDate'] >= before
@case('bucket')
def list_buckets_invalid_auth(): eq(err(client('AKIANOSUCHKEY0000000', 'x' * 40).list_buckets), (403, 'InvalidAccessKeyId'))
@case('bucket')
def list_buckets_bad_auth(): eq(err(client(MAIN[0], 'wrongsecret' * 4).list_buckets), (403, 'SignatureDoesNotMatch'))
def bad_name(n):
    c = client(); good = bname()
    c.meta.events.register('before-call.s3.CreateBucket', lambda **kw: kw['params'].__setitem__('url', kw['params']['url'].replace(good, n)))
    return err(c.create_bucket, Bucket=good)
for nm, n in [('bad_starts_nonalpha', '_' + 'abcdefgh'), ('bad_short_one', 'a'), ('bad_short_two', 'aa'), ('bad_ip', '192.168.5.123'),
              ('dns_underscore', 'foo_bar'), ('dns_dash_at_end', 'foo-'), ('dns_dot_dot', 'foo..bar'), ('dns_dot_dash', 'foo.-bar'), ('dns_dash_dot', 'foo-.bar')]:
    def mk(n):
        def f(): eq(bad_name(n), (400, 'InvalidBucketName'))
        return f
    f = mk(n); f.__name__ = 'bucket_create_naming_' + nm; case('naming')(f)
for ln in (60, 61, 62, 63):
    def mk(ln):
        def f():
            p = bname(); client().create_bucket(Bucket=p + 'a' * (ln - len(p)))
        return f
    f = mk(ln); f.__name__ = 'bucket_create_naming_good_long_%d' % ln; case('naming')(f)
@case('naming')
def bucket_create_naming_good_starts_alpha(): client().create_bucket(Bucket='a' + bname())
@case('naming')
def bucket_create_naming_good_starts_digit(): client().create_bucket(Bucket='0' + bname())
@case('naming')
def bucket_create_naming_good_contains_period(): client().create_bucket(Bucket=bname() + 'aaa.111')
@case('naming')
def bucket_create_naming_good_contains_hyphen(): client().create_bucket(Bucket=bname() + 'aaa-111')
@case('naming')
def bucket_list_long_name():
    p = bname(); n = p + 'a' * (61 - len(p)); client().create_bucket(Bucket=n); eq(keys(client().list_objects(Bucket=n)), [])

# ---- objects
@case('object')
def object_read_not_exist(): b = bucket(); eq(err(client().get_object, Bucket=b, Key='bar'), (404, 'NoSuchKey'))
@case('object')
def object_requestid_matches_header_on_error():
    b = bucket(); r = requests.get(client().generate_presigned_url('get_object', Params={'Bucket': b, 'Key': 'bar'}))
    import xml.etree.ElementTree as ET
    eq(ET.fromstring(r.content).find('RequestId').text, r.headers['x-amz-request-id'])
@case('object')
def multi_object_delete():
    b = objs(['key0', 'key1', 'key2']); c = client(); d = {'Objects': [{'Key': k} for k in ['key0', 'key1', 'key2']]}
    r = c.delete_objects(Bucket=b, Delete=d); eq(len(r['Deleted']), 3); assert 'Errors' not in r; assert 'Contents' not in c.list_objects(Bucket=b)
    r = c.delete_objects(Bucket=b, Delete=d); eq(len(r['Deleted']), 3); assert 'Errors' not in r
@case('object')
def multi_object_delete_key_limit():
    b = bucket(); d = {'Objects': [{'Key': 'key-%d' % i} for i in range(1001)]}; eq(err(client().delete_objects, Bucket=b, Delete=d)[0], 400)
@case('object')
def object_head_zero_bytes():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='foo', Body=''); eq(c.head_object(Bucket=b, Key='foo')['ContentLength'], 0)
@case('object')
def object_write_check_etag():
    b = bucket(); r = client().put_object(Bucket=b, Key='foo', Body='bar'); eq(r['ETag'], '"37b51d194a7513e45b56f6524f2d51f2"')
@case('object')
def object_write_cache_control():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='foo', Body='bar', CacheControl='public, max-age=14400')
    eq(c.head_object(Bucket=b, Key='foo')['ResponseMetadata']['HTTPHeaders']['cache-control'], 'public, max-age=14400')
@case('object')
def object_write_expires():
    b = bucket(); c = client(); ex = datetime.datetime.now(pytz.utc) + datetime.timedelta(seconds=6000)
    c.put_object(Bucket=b, Key='foo', Body='bar', Expires=ex); eq(c.head_object(Bucket=b, Key='foo')['Expires'], ex.replace(microsecond=0))
@case('object')
def object_write_read_update_read_delete():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='foo', Body='bar'); eq(body(c.get_object(Bucket=b, Key='foo')), 'bar')
    c.put_object(Bucket=b, Key='foo', Body='soup'); eq(body(c.get_object(Bucket=b, Key='foo')), 'soup'); c.delete_object(Bucket=b, Key='foo')
def setget(v, b=None):
    b = b or bucket(); c = client(); c.put_object(Bucket=b, Key='foo', Body='bar', Metadata={'meta1': v}); return c.get_object(Bucket=b, Key='foo')['Metadata']['meta1']
@case('object')
def object_set_get_metadata_none_to_good(): eq(setget('mymeta'), 'mymeta')
@case('object')
def object_set_get_metadata_none_to_empty(): eq(setget(''), '')
@case('object')
def object_set_get_metadata_overwrite_to_empty(): b = bucket(); eq(setget('oldmeta', b), 'oldmeta'); eq(setget('', b), '')
@case('object')
def object_set_get_unicode_metadata():
    b = bucket(); c = client(); hook(c, 'before-call.s3.PutObject', {'x-amz-meta-meta1': 'Hello World\xe9'})
    c.put_object(Bucket=b, Key='foo', Body='bar'); got = client().get_object(Bucket=b, Key='foo')['Metadata']['meta1']
    import email.header
    dec = ''.join(p.decode(cs or 'ascii') if isinstance(p, bytes) else p for p, cs in email.header.decode_header(got))
    eq(dec, 'Hello World\xe9', '(raw %r)' % got)
for nm, v in [('non_utf8_metadata', '\x04mymeta'), ('metadata_empty_to_unreadable_prefix', '\x04w'), ('metadata_empty_to_unreadable_suffix', 'h\x04'), ('metadata_empty_to_unreadable_infix', 'h\x04w')]:
    def mk(v):
        def f():
            b = bucket()
            try: client().put_object(Bucket=b, Key='bar', Metadata={'meta1': v})
            except ClientError as e: assert e.response['ResponseMetadata']['HTTPStatusCode'] in (400, 403); return
            raise AssertionError('accepted')
        return f
    f = mk(v); f.__name__ = 'object_set_get_' + nm; case('object')(f)
@case('object')
def object_metadata_replaced_on_put():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='foo', Body='bar', Metadata={'meta1': 'bar'}); c.put_object(Bucket=b, Key='foo', Body='bar')
    eq(c.get_object(Bucket=b, Key='foo')['Metadata'], {})
@case('object')
def bucket_create_special_key_names():
    ks = [' ', '"', '$', '%', '&', "'", '<', '>', '_', '_ ', '_ _', '__']; b = objs(ks); c = client()
    eq(keys(c.list_objects(Bucket=b)), ks)
    for k in ks: eq(body(c.get_object(Bucket=b, Key=k)), k); c.put_object_acl(Bucket=b, Key=k, ACL='private')
@case('object')
def object_raw_response_headers():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='foo')
    r = c.get_object(Bucket=b, Key='foo', ResponseCacheControl='no-cache', ResponseContentDisposition='bla', ResponseContentEncoding='aaa',
                     ResponseContentLanguage='esperanto', ResponseContentType='foo/bar', ResponseExpires='123')
    h = r['ResponseMetadata']['HTTPHeaders']
    eq((h['content-type'], h['content-disposition'], h['content-language'], h['content-encoding'], h['cache-control']), ('foo/bar', 'bla', 'esperanto', 'aaa', 'no-cache'))
@case('object')
def object_raw_get_x_amz_expires_not_expired():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='foo')
    eq(requests.get(c.generate_presigned_url('get_object', Params={'Bucket': b, 'Key': 'foo'}, ExpiresIn=100000)).status_code, 200)
@case('object')
def object_raw_get_x_amz_expires_out_range_zero():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='foo')
    eq(requests.get(c.generate_presigned_url('get_object', Params={'Bucket': b, 'Key': 'foo'}, ExpiresIn=0)).status_code, 403)
@case('object')
def object_raw_get_x_amz_expires_out_max_range():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='foo')
    eq(requests.get(c.generate_presigned_url('get_object', Params={'Bucket': b, 'Key': 'foo'}, ExpiresIn=609901)).status_code, 403)
@case('object')
def object_raw_get_x_amz_expires_out_positive_range():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='foo')
    eq(requests.get(c.generate_presigned_url('get_object', Params={'Bucket': b, 'Key': 'foo'}, ExpiresIn=-7)).status_code, 403)
@case('object')
def object_raw_put_authenticated_expired():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='foo')
    eq(requests.put(c.generate_presigned_url('put_object', Params={'Bucket': b, 'Key': 'foo'}, ExpiresIn=-1000), data='foo').status_code, 403)
@case('object')
def object_anon_put():
    b = bucket(); client().put_object(Bucket=b, Key='foo'); eq(err(anon().put_object, Bucket=b, Key='foo', Body='foo'), (403, 'AccessDenied'))
@case('object')
def object_anon_put_write_access():
    b = bucket(ACL='public-read-write'); client().put_object(Bucket=b, Key='foo'); anon().put_object(Bucket=b, Key='foo', Body='foo')
@case('object')
def object_raw_get():
    b = bucket(ACL='public-read'); client().put_object(ACL='public-read', Bucket=b, Key='foo'); anon().get_object(Bucket=b, Key='foo')
@case('object')
def object_raw_get_bucket_gone():
    b = bucket(ACL='public-read'); c = client(); c.put_object(ACL='public-read', Bucket=b, Key='foo'); c.delete_object(Bucket=b, Key='foo'); c.delete_bucket(Bucket=b)
    eq(err(anon().get_object, Bucket=b, Key='foo'), (404, 'NoSuchBucket'))
@case('object')
def object_delete_key_bucket_gone():
    b = bucket(ACL='public-read'); c = client(); c.put_object(ACL='public-read', Bucket=b, Key='foo'); c.delete_object(Bucket=b, Key='foo'); c.delete_bucket(Bucket=b)
    eq(err(anon().delete_object, Bucket=b, Key='foo'), (404, 'NoSuchBucket'))
@case('object')
def object_raw_get_object_gone():
    b = bucket(ACL='public-read'); c = client(); c.put_object(ACL='public-read', Bucket=b, Key='foo'); c.delete_object(Bucket=b, Key='foo')
    eq(err(anon().get_object, Bucket=b, Key='foo'), (404, 'NoSuchKey'))
@case('object')
def object_raw_get_bucket_acl():
    b = bucket(ACL='private'); client().put_object(ACL='public-read', Bucket=b, Key='foo'); anon().get_object(Bucket=b, Key='foo')
@case('object')
def object_raw_get_object_acl():
    b = bucket(ACL='public-read'); client().put_object(ACL='private', Bucket=b, Key='foo'); eq(err(anon().get_object, Bucket=b, Key='foo'), (403, 'AccessDenied'))
@case('object')
def object_raw_authenticated_bucket_gone():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='foo'); c.delete_object(Bucket=b, Key='foo'); c.delete_bucket(Bucket=b)
    eq(err(c.get_object, Bucket=b, Key='foo'), (404, 'NoSuchBucket'))

# ---- conditionals
def put1(b=None):
    b = b or bucket(); r = client().put_object(Bucket=b, Key='foo', Body='bar'); return b, r['ETag']
@case('conditional')
def get_object_ifmatch_good(): b, e = put1(); eq(body(client().get_object(Bucket=b, Key='foo', IfMatch=e)), 'bar')
@case('conditional')
def get_object_ifmatch_failed(): b, e = put1(); eq(err(client().get_object, Bucket=b, Key='foo', IfMatch='"ABCORZ"'), (412, 'PreconditionFailed'))
@case('conditional')
def get_object_ifnonematch_good():
    b, e = put1()
    try: client().get_object(Bucket=b, Key='foo', IfNoneMatch=e); raise AssertionError('no 304')
    except ClientError as x: eq(x.response['ResponseMetadata']['HTTPStatusCode'], 304); eq(x.response['Error']['Message'], 'Not Modified')
@case('conditional')
def get_object_ifnonematch_failed(): b, e = put1(); eq(body(client().get_object(Bucket=b, Key='foo', IfNoneMatch='ABCORZ')), 'bar')
@case('conditional')
def get_object_ifmodifiedsince_good(): b, e = put1(); eq(body(client().get_object(Bucket=b, Key='foo', IfModifiedSince='Sat, 29 Oct 1994 19:43:31 GMT')), 'bar')
@case('conditional')
def get_object_ifmodifiedsince_failed():
    b, e = put1(); lm = client().get_object(Bucket=b, Key='foo')['LastModified']; after = lm + datetime.timedelta(seconds=1); time.sleep(1)
    try: client().get_object(Bucket=b, Key='foo', IfModifiedSince=after.strftime('%a, %d %b %Y %H:%M:%S GMT')); raise AssertionError('no 304')
    except ClientError as x: eq(x.response['ResponseMetadata']['HTTPStatusCode'], 304); eq(x.response['Error']['Message'], 'Not Modified')
@case('conditional')
def get_object_ifunmodifiedsince_good(): b, e = put1(); eq(err(client().get_object, Bucket=b, Key='foo', IfUnmodifiedSince='Sat, 29 Oct 1994 19:43:31 GMT'), (412, 'PreconditionFailed'))
@case('conditional')
def get_object_ifunmodifiedsince_failed(): b, e = put1(); eq(body(client().get_object(Bucket=b, Key='foo', IfUnmodifiedSince='Sat, 29 Oct 2100 19:43:31 GMT')), 'bar')
def cput(b, hdrs, bodyv='zar'):
    c = client(); hook(c, 'before-call.s3.PutObject', hdrs); return c.put_object(Bucket=b, Key='foo', Body=bodyv)
@case('conditional')
def put_object_ifmatch_good(): b, e = put1(); cput(b, {'If-Match': e.strip('"')}); eq(body(client().get_object(Bucket=b, Key='foo')), 'zar')
@case('conditional')
def put_object_ifmatch_failed():
    b, e = put1(); eq(err(cput, b, {'If-Match': '"ABCORZ"'}), (412, 'PreconditionFailed')); eq(body(client().get_object(Bucket=b, Key='foo')), 'bar')
@case('conditional')
def put_object_ifmatch_overwrite_existed_good(): b, e = put1(); cput(b, {'If-Match': '*'}); eq(body(client().get_object(Bucket=b, Key='foo')), 'zar')
@case('conditional')
def put_object_ifmatch_nonexisted_failed():
    b = bucket(); st = err(cput, b, {'If-Match': '*'})
    if st == (404, 'NoSuchKey'): raise NA('AWS answers 404 NoSuchKey for If-Match on a missing key (ceph: 412); Coffer follows AWS')
    eq(st, (412, 'PreconditionFailed'))
@case('conditional')
def put_object_ifnonmatch_good(): b, e = put1(); cput(b, {'If-None-Match': 'ABCORZ'})
@case('conditional')
def put_object_ifnonmatch_failed():
    b, e = put1(); st = err(cput, b, {'If-None-Match': e.strip('"')}); eq(st[0] in (412, 501), True, st)
    if st[0] == 501: raise NA('If-None-Match with an ETag on PUT: AWS supports only *, answers 501 NotImplemented; ceph expects 412')
@case('conditional')
def put_object_ifnonmatch_nonexisted_good(): b = bucket(); cput(b, {'If-None-Match': '*'}, 'bar'); eq(body(client().get_object(Bucket=b, Key='foo')), 'bar')
@case('conditional')
def put_object_ifnonmatch_overwrite_existed_failed():
    b, e = put1(); eq(err(cput, b, {'If-None-Match': '*'}), (412, 'PreconditionFailed')); eq(body(client().get_object(Bucket=b, Key='foo')), 'bar')

# ---- ranges
@case('range')
def ranged_request_response_code():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='t', Body='testcontent'); r = c.get_object(Bucket=b, Key='t', Range='bytes=4-7')
    eq(body(r), 'cont'); eq(r['ResponseMetadata']['HTTPHeaders']['content-range'], 'bytes 4-7/11'); eq(r['ResponseMetadata']['HTTPStatusCode'], 206)
@case('range')
def ranged_big_request_response_code():
    import os; data = os.urandom(8 * 1024 * 1024); b = bucket(); c = client(); c.put_object(Bucket=b, Key='t', Body=data)
    r = c.get_object(Bucket=b, Key='t', Range='bytes=3145728-5242880'); eq(r['Body'].read() == data[3145728:5242881], True)
    eq(r['ResponseMetadata']['HTTPHeaders']['content-range'], 'bytes 3145728-5242880/8388608')
@case('range')
def ranged_request_skip_leading_bytes_response_code():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='t', Body='testcontent'); r = c.get_object(Bucket=b, Key='t', Range='bytes=4-')
    eq(body(r), 'content'); eq(r['ResponseMetadata']['HTTPHeaders']['content-range'], 'bytes 4-10/11')
@case('range')
def ranged_request_return_trailing_bytes_response_code():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='t', Body='testcontent'); r = c.get_object(Bucket=b, Key='t', Range='bytes=-7')
    eq(body(r), 'content'); eq(r['ResponseMetadata']['HTTPHeaders']['content-range'], 'bytes 4-10/11')
@case('range')
def ranged_request_invalid_range():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='t', Body='testcontent'); eq(err(c.get_object, Bucket=b, Key='t', Range='bytes=40-50'), (416, 'InvalidRange'))
@case('range')
def ranged_request_empty_object():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='t', Body=''); eq(err(c.get_object, Bucket=b, Key='t', Range='bytes=40-50'), (416, 'InvalidRange'))
@case('range')
def ranged_request_multiple_ranges_ignored():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='t', Body='testcontent'); r = c.get_object(Bucket=b, Key='t', Range='bytes=0-1,3-4')
    eq(r['ResponseMetadata']['HTTPStatusCode'], 200); eq(body(r), 'testcontent')
@case('range')
def ranged_request_malformed_ignored():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='t', Body='testcontent'); r = c.get_object(Bucket=b, Key='t', Range='bytes=hello-')
    eq(r['ResponseMetadata']['HTTPStatusCode'], 200); eq(body(r), 'testcontent')
