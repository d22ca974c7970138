from harness import *
import xml.etree.ElementTree as ET


def bucket_url(b): return EP + "/" + b

# ---- CORS
@case('cors')
def set_cors():
    b = bucket(); c = client(); eq(err(c.get_bucket_cors, Bucket=b)[0], 404)
    c.put_bucket_cors(Bucket=b, CORSConfiguration={'CORSRules': [{'AllowedMethods': ['GET', 'PUT'], 'AllowedOrigins': ['*.get', '*.put']}]})
    r = c.get_bucket_cors(Bucket=b); eq(r['CORSRules'][0]['AllowedMethods'], ['GET', 'PUT']); eq(r['CORSRules'][0]['AllowedOrigins'], ['*.get', '*.put'])
    c.delete_bucket_cors(Bucket=b); eq(err(c.get_bucket_cors, Bucket=b)[0], 404)
def cors_check(fn, url, headers, st, origin, methods, bad):
    r = fn(url, headers=headers)
    got = (r.status_code, r.headers.get('access-control-allow-origin'), r.headers.get('access-control-allow-methods'))
    if got != (st, origin, methods): bad.append((fn.__name__, headers, got, (st, origin, methods)))
@case('cors')
def cors_origin_response():
    b = bucket(ACL='public-read'); c = client()
    c.put_bucket_cors(Bucket=b, CORSConfiguration={'CORSRules': [{'AllowedMethods': ['GET'], 'AllowedOrigins': ['*suffix']}, {'AllowedMethods': ['GET'], 'AllowedOrigins': ['start*end']},
                                                                  {'AllowedMethods': ['GET'], 'AllowedOrigins': ['prefix*']}, {'AllowedMethods': ['PUT'], 'AllowedOrigins': ['*.put']}]})
    u = bucket_url(b); o = u + '/bar'; bad = []; G, P, O = requests.get, requests.put, requests.options
    for fn, url, h, st, ao, am in [(G, u, None, 200, None, None), (G, u, {'Origin': 'foo.suffix'}, 200, 'foo.suffix', 'GET'), (G, u, {'Origin': 'foo.bar'}, 200, None, None),
                                   (G, u, {'Origin': 'foo.suffix.get'}, 200, None, None), (G, u, {'Origin': 'startend'}, 200, 'startend', 'GET'), (G, u, {'Origin': 'start1end'}, 200, 'start1end', 'GET'),
                                   (G, u, {'Origin': '0start12end'}, 200, None, None), (G, u, {'Origin': 'prefix'}, 200, 'prefix', 'GET'), (G, u, {'Origin': 'bla.prefix'}, 200, None, None),
                                   (G, o, {'Origin': 'foo.suffix'}, 404, 'foo.suffix', 'GET'),
                                   (P, o, {'Origin': 'foo.suffix', 'Access-Control-Request-Method': 'GET', 'content-length': '0'}, 403, 'foo.suffix', 'GET'),
                                   (P, o, {'Origin': 'foo.suffix', 'Access-Control-Request-Method': 'PUT', 'content-length': '0'}, 403, None, None),
                                   (P, o, {'Origin': 'foo.suffix', 'content-length': '0'}, 403, None, None),
                                   (P, o, {'Origin': 'foo.put', 'content-length': '0'}, 403, 'foo.put', 'PUT'),
                                   (O, u, None, 400, None, None), (O, u, {'Origin': 'foo.suffix'}, 400, None, None), (O, u, {'Origin': 'bla'}, 400, None, None),
                                   (O, o, {'Origin': 'foo.suffix', 'Access-Control-Request-Method': 'GET', 'content-length': '0'}, 200, 'foo.suffix', 'GET'),
                                   (O, u, {'Origin': 'foo.bar', 'Access-Control-Request-Method': 'GET'}, 403, None, None),
                                   (O, u, {'Origin': 'startend', 'Access-Control-Request-Method': 'GET'}, 200, 'startend', 'GET'),
                                   (O, u, {'Origin': '0start12end', 'Access-Control-Request-Method': 'GET'}, 403, None, None),
                                   (O, u, {'Origin': 'foo.put', 'Access-Control-Request-Method': 'GET'}, 403, None, None),
                                   (O, u, {'Origin': 'foo.put', 'Access-Control-Request-Method': 'PUT'}, 200, 'foo.put', 'PUT')]:
        cors_check(fn, url, h, st, ao, am, bad)
    eq(bad, [])
@case('cors')
def cors_origin_wildcard():
    b = bucket(ACL='public-read'); client().put_bucket_cors(Bucket=b, CORSConfiguration={'CORSRules': [{'AllowedMethods': ['GET'], 'AllowedOrigins': ['*']}]})
    bad = []; cors_check(requests.get, bucket_url(b), None, 200, None, None, bad); cors_check(requests.get, bucket_url(b), {'Origin': 'example.origin'}, 200, '*', 'GET', bad); eq(bad, [])
@case('cors')
def cors_header_option():
    b = bucket(ACL='public-read'); client().put_bucket_cors(Bucket=b, CORSConfiguration={'CORSRules': [{'AllowedMethods': ['GET'], 'AllowedOrigins': ['*'], 'ExposeHeaders': ['x-amz-meta-header1']}]})
    bad = []; cors_check(requests.options, bucket_url(b) + '/bar', {'Origin': 'example.origin', 'Access-Control-Request-Headers': 'x-amz-meta-header2', 'Access-Control-Request-Method': 'GET'}, 403, None, None, bad); eq(bad, [])

# ---- tagging
@case('tagging')
def set_bucket_tagging():
    b = bucket(); c = client(); eq(err(c.get_bucket_tagging, Bucket=b), (404, 'NoSuchTagSet'))
    c.put_bucket_tagging(Bucket=b, Tagging={'TagSet': [{'Key': 'Hello', 'Value': 'World'}]}); eq(c.get_bucket_tagging(Bucket=b)['TagSet'], [{'Key': 'Hello', 'Value': 'World'}])
    c.delete_bucket_tagging(Bucket=b); eq(err(c.get_bucket_tagging, Bucket=b), (404, 'NoSuchTagSet'))
def tagged(n, kl=1, vl=1):
    return {'TagSet': [{'Key': ('%0*d' % (kl, i))[-kl:] if kl > 3 else str(i), 'Value': ('%0*d' % (vl, i))[-vl:] if vl > 3 else str(i)} for i in range(n)]}
@case('tagging')
def get_obj_tagging():
    b = objs(['testputtags']); c = client(); c.put_object_tagging(Bucket=b, Key='testputtags', Tagging=tagged(2)); eq(c.get_object_tagging(Bucket=b, Key='testputtags')['TagSet'], tagged(2)['TagSet'])
@case('tagging')
def get_obj_head_tagging():
    b = objs(['k']); c = client(); c.put_object_tagging(Bucket=b, Key='k', Tagging=tagged(2)); eq(c.head_object(Bucket=b, Key='k')['ResponseMetadata']['HTTPHeaders']['x-amz-tagging-count'], '2')
@case('tagging')
def put_max_tags():
    b = objs(['k']); c = client(); c.put_object_tagging(Bucket=b, Key='k', Tagging=tagged(10)); eq(len(c.get_object_tagging(Bucket=b, Key='k')['TagSet']), 10)
@case('tagging')
def put_excess_tags():
    b = objs(['k']); c = client(); eq(err(c.put_object_tagging, Bucket=b, Key='k', Tagging=tagged(11)), (400, 'BadRequest')); eq(len(c.get_object_tagging(Bucket=b, Key='k')['TagSet']), 0)
@case('tagging')
def put_max_kvsize_tags():
    b = objs(['k']); c = client(); t = {'TagSet': [{'Key': ('%d' % i) * 128 if False else (str(i) + 'k' * 127), 'Value': str(i) + 'v' * 255} for i in range(10)]}
    c.put_object_tagging(Bucket=b, Key='k', Tagging=t); eq(len(c.get_object_tagging(Bucket=b, Key='k')['TagSet']), 10)
@case('tagging')
def put_excess_key_tags():
    b = objs(['k']); c = client(); t = {'TagSet': [{'Key': str(i) + 'k' * 128, 'Value': 'v'} for i in range(10)]}
    eq(err(c.put_object_tagging, Bucket=b, Key='k', Tagging=t), (400, 'InvalidTag')); eq(len(c.get_object_tagging(Bucket=b, Key='k')['TagSet']), 0)
@case('tagging')
def put_excess_val_tags():
    b = objs(['k']); c = client(); t = {'TagSet': [{'Key': str(i), 'Value': 'v' * 257} for i in range(10)]}
    eq(err(c.put_object_tagging, Bucket=b, Key='k', Tagging=t), (400, 'InvalidTag'))
@case('tagging')
def put_modify_tags():
    b = objs(['k']); c = client(); c.put_object_tagging(Bucket=b, Key='k', Tagging={'TagSet': [{'Key': 'key', 'Value': 'val'}, {'Key': 'key2', 'Value': 'val2'}]})
    c.put_object_tagging(Bucket=b, Key='k', Tagging={'TagSet': [{'Key': 'key3', 'Value': 'val3'}]}); eq(c.get_object_tagging(Bucket=b, Key='k')['TagSet'], [{'Key': 'key3', 'Value': 'val3'}])
@case('tagging')
def put_delete_tags():
    b = objs(['k']); c = client(); c.put_object_tagging(Bucket=b, Key='k', Tagging=tagged(2)); c.delete_object_tagging(Bucket=b, Key='k'); eq(c.get_object_tagging(Bucket=b, Key='k')['TagSet'], [])
@case('tagging')
def put_obj_with_tags():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='k', Body='x', Tagging='foo=bar&bar')
    eq(sorted((t['Key'], t['Value']) for t in c.get_object_tagging(Bucket=b, Key='k')['TagSet']), [('bar', ''), ('foo', 'bar')])
@case('tagging')
def put_tags_acl_public():
    b = objs(['k']); c = client(); c.put_bucket_policy(Bucket=b, Policy=json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': '*', 'Action': ['s3:PutObjectTagging', 's3:GetObjectTagging', 's3:DeleteObjectTagging'], 'Resource': 'arn:aws:s3:::%s/k' % b}]}))
    a = alt(); a.put_object_tagging(Bucket=b, Key='k', Tagging=tagged(2)); eq(len(a.get_object_tagging(Bucket=b, Key='k')['TagSet']), 2); a.delete_object_tagging(Bucket=b, Key='k')
@case('tagging')
def get_tags_acl_public():
    b = objs(['k']); c = client(); c.put_object_tagging(Bucket=b, Key='k', Tagging=tagged(2))
    c.put_bucket_policy(Bucket=b, Policy=json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': '*', 'Action': 's3:GetObjectTagging', 'Resource': 'arn:aws:s3:::%s/k' % b}]}))
    eq(len(alt().get_object_tagging(Bucket=b, Key='k')['TagSet']), 2)

# ---- lifecycle validation
def lc(rules): b = bucket(); return b, (lambda: client().put_bucket_lifecycle_configuration(Bucket=b, LifecycleConfiguration={'Rules': rules}))
@case('lifecycle')
def lifecycle_set():
    b, f = lc([{'ID': 'rule1', 'Expiration': {'Days': 1}, 'Prefix': 'test1/', 'Status': 'Enabled'}, {'ID': 'rule2', 'Expiration': {'Days': 2}, 'Prefix': 'test2/', 'Status': 'Disabled'}]); f()
@case('lifecycle')
def lifecycle_get():
    b, f = lc([{'ID': 'test1/', 'Expiration': {'Days': 31}, 'Prefix': 'test1/', 'Status': 'Enabled'}, {'ID': 'test2/', 'Expiration': {'Days': 120}, 'Prefix': 'test2/', 'Status': 'Enabled'}]); f()
    r = client().get_bucket_lifecycle_configuration(Bucket=b); eq([(x['ID'], x['Expiration']['Days']) for x in r['Rules']], [('test1/', 31), ('test2/', 120)])
@case('lifecycle')
def lifecycle_get_no_id():
    b, f = lc([{'Expiration': {'Days': 31}, 'Prefix': 'test1/', 'Status': 'Enabled'}]); f(); r = client().get_bucket_lifecycle_configuration(Bucket=b); assert r['Rules'][0].get('ID')
@case('lifecycle')
def lifecycle_id_too_long(): b, f = lc([{'ID': 'a' * 256, 'Expiration': {'Days': 2}, 'Prefix': 'test1/', 'Status': 'Enabled'}]); eq(err(f), (400, 'InvalidArgument'))
@case('lifecycle')
def lifecycle_same_id():
    b, f = lc([{'ID': 'rule1', 'Expiration': {'Days': 1}, 'Prefix': 'test1/', 'Status': 'Enabled'}, {'ID': 'rule1', 'Expiration': {'Days': 2}, 'Prefix': 'test2/', 'Status': 'Enabled'}]); eq(err(f), (400, 'InvalidArgument'))
@case('lifecycle')
def lifecycle_invalid_status():
    for s in ('enabled', 'disabled', 'invalid'):
        b, f = lc([{'ID': 'rule1', 'Expiration': {'Days': 2}, 'Prefix': 'test1/', 'Status': s}]); eq(err(f), (400, 'MalformedXML'))
@case('lifecycle')
def lifecycle_set_date(): b, f = lc([{'ID': 'rule1', 'Expiration': {'Date': '2017-09-27'}, 'Prefix': 'test1/', 'Status': 'Enabled'}]); f()
@case('lifecycle')
def lifecycle_set_invalid_date(): b, f = lc([{'ID': 'rule1', 'Expiration': {'Date': '20200101'}, 'Prefix': 'test1/', 'Status': 'Enabled'}]); eq(err(f)[0], 400)
@case('lifecycle')
def lifecycle_expiration_days0(): b, f = lc([{'Expiration': {'Days': 0}, 'ID': 'rule1', 'Prefix': 'days0/', 'Status': 'Enabled'}]); eq(err(f)[1], 'InvalidArgument')
@case('lifecycle')
def lifecycle_expiration_header_put():
    b, f = lc([{'ID': 'rule1', 'Expiration': {'Days': 1}, 'Prefix': 'days1/', 'Status': 'Enabled'}]); f()
    r = client().put_object(Bucket=b, Key='days1/foo', Body='bar'); h = r['ResponseMetadata']['HTTPHeaders'].get('x-amz-expiration', ''); assert 'rule-id="rule1"' in h, h
@case('lifecycle')
def lifecycle_expiration_header_head():
    b, f = lc([{'ID': 'rule1', 'Expiration': {'Days': 1}, 'Prefix': 'days1/', 'Status': 'Enabled'}]); f(); client().put_object(Bucket=b, Key='days1/foo', Body='bar')
    h = client().head_object(Bucket=b, Key='days1/foo')['ResponseMetadata']['HTTPHeaders'].get('x-amz-expiration', ''); assert 'rule-id="rule1"' in h, h
@case('lifecycle')
def lifecycle_expiration_header_tags_head():
    b = bucket(); c = client(); c.put_bucket_lifecycle_configuration(Bucket=b, LifecycleConfiguration={'Rules': [{'Filter': {'Tag': {'Key': 'key1', 'Value': 'tag1'}}, 'Status': 'Enabled', 'Expiration': {'Days': 1}, 'ID': 'rule1'}]})
    c.put_object(Bucket=b, Key='k', Body='x'); c.put_object_tagging(Bucket=b, Key='k', Tagging={'TagSet': [{'Key': 'key1', 'Value': 'tag1'}, {'Key': 'key5', 'Value': 'tag5'}]})
    assert 'rule1' in c.head_object(Bucket=b, Key='k')['ResponseMetadata']['HTTPHeaders'].get('x-amz-expiration', '')
    c.put_bucket_lifecycle_configuration(Bucket=b, LifecycleConfiguration={'Rules': [{'Filter': {'Tag': {'Key': 'key2', 'Value': 'tag1'}}, 'Status': 'Enabled', 'Expiration': {'Days': 1}, 'ID': 'rule1'}]})
    eq('x-amz-expiration' in c.head_object(Bucket=b, Key='k')['ResponseMetadata']['HTTPHeaders'], False)
@case('lifecycle')
def lifecycle_expiration_header_and_tags_head():
    b = bucket(); c = client(); c.put_bucket_lifecycle_configuration(Bucket=b, LifecycleConfiguration={'Rules': [{'Filter': {'And': {'Tags': [{'Key': 'key1', 'Value': 'tag1'}, {'Key': 'key5', 'Value': 'tag6'}]}}, 'Status': 'Enabled', 'Expiration': {'Days': 1}, 'ID': 'rule1'}]})
    c.put_object(Bucket=b, Key='k', Body='x'); c.put_object_tagging(Bucket=b, Key='k', Tagging={'TagSet': [{'Key': 'key1', 'Value': 'tag1'}, {'Key': 'key5', 'Value': 'tag5'}]})
    eq('x-amz-expiration' in c.head_object(Bucket=b, Key='k')['ResponseMetadata']['HTTPHeaders'], False)
@case('lifecycle')
def lifecycle_set_noncurrent():
    b, f = lc([{'ID': 'rule1', 'NoncurrentVersionExpiration': {'NoncurrentDays': 2}, 'Prefix': 'past/', 'Status': 'Enabled'}, {'ID': 'rule2', 'NoncurrentVersionExpiration': {'NoncurrentDays': 3}, 'Prefix': 'future/', 'Status': 'Enabled'}]); f()
@case('lifecycle')
def lifecycle_set_deletemarker(): b, f = lc([{'ID': 'rule1', 'Expiration': {'ExpiredObjectDeleteMarker': True}, 'Prefix': 'test1/', 'Status': 'Enabled'}]); f()
@case('lifecycle')
def lifecycle_set_filter(): b, f = lc([{'ID': 'rule1', 'Expiration': {'ExpiredObjectDeleteMarker': True}, 'Filter': {'Prefix': 'foo'}, 'Status': 'Enabled'}]); f()
@case('lifecycle')
def lifecycle_set_empty_filter(): b, f = lc([{'ID': 'rule1', 'Expiration': {'ExpiredObjectDeleteMarker': True}, 'Filter': {}, 'Status': 'Enabled'}]); f()
@case('lifecycle')
def lifecycle_set_multipart():
    b, f = lc([{'ID': 'rule1', 'Prefix': 'test1/', 'Status': 'Enabled', 'AbortIncompleteMultipartUpload': {'DaysAfterInitiation': 2}}, {'ID': 'rule2', 'Prefix': 'test2/', 'Status': 'Disabled', 'AbortIncompleteMultipartUpload': {'DaysAfterInitiation': 3}}]); f()
@case('lifecycle')
def lifecycle_transition_set_invalid_date():
    b, f = lc([{'ID': 'rule1', 'Expiration': {'Date': '2023-09-27'}, 'Transitions': [{'Date': '20220927', 'StorageClass': 'GLACIER'}], 'Prefix': 'test1/', 'Status': 'Enabled'}]); eq(err(f)[0], 400)
