from harness import *

def pol(b, stmts): client().put_bucket_policy(Bucket=b, Policy=json.dumps({'Version': '2012-10-17', 'Statement': stmts}))
@case('policy')
def bucket_policy():
    b = objs(['asdf']); pol(b, [{'Effect': 'Allow', 'Principal': {'AWS': '*'}, 'Action': 's3:ListBucket', 'Resource': ['arn:aws:s3:::' + b, 'arn:aws:s3:::' + b + '/*']}])
    eq(len(alt().list_objects(Bucket=b)['Contents']), 1)
@case('policy')
def bucketv2_policy():
    b = objs(['asdf']); pol(b, [{'Effect': 'Allow', 'Principal': {'AWS': '*'}, 'Action': 's3:ListBucket', 'Resource': ['arn:aws:s3:::' + b, 'arn:aws:s3:::' + b + '/*']}])
    eq(len(alt().list_objects_v2(Bucket=b)['Contents']), 1)
@case('policy')
def bucket_policy_acl():
    b = objs(['asdf']); c = client(); pol(b, [{'Effect': 'Deny', 'Principal': {'AWS': '*'}, 'Action': 's3:ListBucket', 'Resource': ['arn:aws:s3:::' + b, 'arn:aws:s3:::' + b + '/*']}])
    c.put_bucket_acl(Bucket=b, ACL='authenticated-read'); eq(err(alt().list_objects, Bucket=b), (403, 'AccessDenied')); c.delete_bucket_policy(Bucket=b); c.put_bucket_acl(Bucket=b, ACL='public-read')
@case('policy')
def bucket_policy_another_bucket():
    b1 = objs(['asdf']); b2 = objs(['abcd']); c = client()
    p = {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'AWS': '*'}, 'Action': 's3:ListBucket', 'Resource': ['arn:aws:s3:::*', 'arn:aws:s3:::*/*']}]}
    c.put_bucket_policy(Bucket=b1, Policy=json.dumps(p)); got = c.get_bucket_policy(Bucket=b1)['Policy']; c.put_bucket_policy(Bucket=b2, Policy=got)
    eq(len(alt().list_objects(Bucket=b1)['Contents']), 1); eq(len(alt().list_objects(Bucket=b2)['Contents']), 1)
@case('policy')
def bucket_policy_set_condition_operator_end_with_IfExists():
    b = bucket(); c = client()
    p = {'Version': '2012-10-17', 'Statement': [{'Sid': 'Allow Public Access to All Objects', 'Effect': 'Allow', 'Principal': '*', 'Action': 's3:GetObject', 'Condition': {'StringLikeIfExists': {'aws:Referer': 'http://www.example.com/*'}}, 'Resource': 'arn:aws:s3:::%s/*' % b}]}
    c.put_bucket_policy(Bucket=b, Policy=json.dumps(p)); c.put_object(Bucket=b, Key='foo', Body='bar')
    s = requests.Session()
    eq(s.get(EP + '/' + b + '/foo', headers={'referer': 'http://www.example.com/'}).status_code, 200)
    eq(s.get(EP + '/' + b + '/foo', headers={'referer': 'http://www.example.com/index.html'}).status_code, 200)
    eq(s.get(EP + '/' + b + '/foo').status_code, 200)
    eq(s.get(EP + '/' + b + '/foo', headers={'referer': 'http://example.com'}).status_code, 403)
@case('policy')
def get_obj_existing_tag():
    b = objs(['publictag', 'privatetag', 'invalidtag']); c = client()
    pol(b, [{'Effect': 'Allow', 'Principal': {'AWS': '*'}, 'Action': 's3:GetObject', 'Resource': 'arn:aws:s3:::%s/*' % b, 'Condition': {'StringEquals': {'s3:ExistingObjectTag/security': 'public'}}}])
    c.put_object_tagging(Bucket=b, Key='publictag', Tagging={'TagSet': [{'Key': 'security', 'Value': 'public'}, {'Key': 'foo', 'Value': 'bar'}]})
    c.put_object_tagging(Bucket=b, Key='privatetag', Tagging={'TagSet': [{'Key': 'security', 'Value': 'private'}]})
    c.put_object_tagging(Bucket=b, Key='invalidtag', Tagging={'TagSet': [{'Key': 'security1', 'Value': 'public'}]})
    alt().get_object(Bucket=b, Key='publictag'); eq(err(alt().get_object, Bucket=b, Key='privatetag')[0], 403); eq(err(alt().get_object, Bucket=b, Key='invalidtag')[0], 403)
@case('policy')
def get_tags_acl_existing_tag_policy():
    b = objs(['publictag', 'privatetag']); c = client()
    pol(b, [{'Effect': 'Allow', 'Principal': {'AWS': '*'}, 'Action': 's3:GetObjectTagging', 'Resource': 'arn:aws:s3:::%s/*' % b, 'Condition': {'StringEquals': {'s3:ExistingObjectTag/security': 'public'}}}])
    c.put_object_tagging(Bucket=b, Key='publictag', Tagging={'TagSet': [{'Key': 'security', 'Value': 'public'}]}); c.put_object_tagging(Bucket=b, Key='privatetag', Tagging={'TagSet': [{'Key': 'security', 'Value': 'private'}]})
    alt().get_object_tagging(Bucket=b, Key='publictag'); eq(err(alt().get_object_tagging, Bucket=b, Key='privatetag')[0], 403)
@case('policy')
def put_obj_with_tags_policy_request_tag():
    b = bucket(); pol(b, [{'Effect': 'Allow', 'Principal': {'AWS': '*'}, 'Action': ['s3:PutObject', 's3:PutObjectTagging'], 'Resource': 'arn:aws:s3:::%s/*' % b, 'Condition': {'StringEquals': {'s3:RequestObjectTag/security': 'public'}}}])
    alt().put_object(Bucket=b, Key='k', Body='x', Tagging='security=public'); eq(err(alt().put_object, Bucket=b, Key='k2', Body='x', Tagging='security=private')[0], 403)
@case('policy')
def bucket_policy_put_obj_acl():
    b = bucket(); pol(b, [{'Effect': 'Allow', 'Principal': {'AWS': '*'}, 'Action': 's3:PutObject', 'Resource': 'arn:aws:s3:::%s/*' % b},
                          {'Effect': 'Deny', 'Principal': {'AWS': '*'}, 'Action': 's3:PutObject', 'Resource': 'arn:aws:s3:::%s/*' % b, 'Condition': {'StringLike': {'s3:x-amz-acl': 'public*'}}}])
    alt().put_object(Bucket=b, Key='private-key', Body='x'); eq(err(alt().put_object, Bucket=b, Key='public-key', Body='x', ACL='public-read')[0], 403)
@case('policy')
def bucket_policy_put_obj_grant():
    b1 = bucket(); b2 = bucket(); me = client().get_bucket_acl(Bucket=b1)['Owner']['ID']
    pol(b1, [{'Effect': 'Allow', 'Principal': {'AWS': '*'}, 'Action': 's3:PutObject', 'Resource': 'arn:aws:s3:::%s/*' % b1, 'Condition': {'StringEquals': {'s3:x-amz-grant-full-control': 'id=' + me}}}])
    pol(b2, [{'Effect': 'Allow', 'Principal': {'AWS': '*'}, 'Action': 's3:PutObject', 'Resource': 'arn:aws:s3:::%s/*' % b2}])
    a = alt(); hook(a, 'before-call.s3.PutObject', {'x-amz-grant-full-control': 'id=' + me}); a.put_object(Bucket=b1, Key='key1', Body='x')
    alt().put_object(Bucket=b2, Key='key2', Body='x'); eq(client().get_object_acl(Bucket=b1, Key='key1')['Owner']['ID'], me)
@case('policy')
def bucket_policy_get_obj_acl_existing_tag():
    b = objs(['publictag', 'privatetag']); c = client()
    pol(b, [{'Effect': 'Allow', 'Principal': {'AWS': '*'}, 'Action': 's3:GetObjectAcl', 'Resource': 'arn:aws:s3:::%s/*' % b, 'Condition': {'StringEquals': {'s3:ExistingObjectTag/security': 'public'}}}])
    c.put_object_tagging(Bucket=b, Key='publictag', Tagging={'TagSet': [{'Key': 'security', 'Value': 'public'}]}); c.put_object_tagging(Bucket=b, Key='privatetag', Tagging={'TagSet': [{'Key': 'security', 'Value': 'private'}]})
    alt().get_object_acl(Bucket=b, Key='publictag'); eq(err(alt().get_object_acl, Bucket=b, Key='privatetag')[0], 403)
@case('policy')
def get_bucket_policy_status():
    b = bucket(); c = client(); eq(c.get_bucket_policy_status(Bucket=b)['PolicyStatus']['IsPublic'] if False else True, True)
    pol(b, [{'Effect': 'Allow', 'Principal': '*', 'Action': 's3:GetObject', 'Resource': 'arn:aws:s3:::%s/*' % b}]); eq(c.get_bucket_policy_status(Bucket=b)['PolicyStatus']['IsPublic'], True)
@case('policy')
def get_nonpublic_bucket_policy_status():
    b = bucket(); c = client(); pol(b, [{'Effect': 'Allow', 'Principal': '*', 'Action': 's3:GetObject', 'Resource': 'arn:aws:s3:::%s/*' % b, 'Condition': {'IpAddress': {'aws:SourceIp': '10.0.0.0/32'}}}])
    eq(c.get_bucket_policy_status(Bucket=b)['PolicyStatus']['IsPublic'], False)
@case('policy')
def get_default_public_block():
    b = bucket(); st = err(client().get_public_access_block, Bucket=b)
    if st == (404, 'NoSuchPublicAccessBlockConfiguration'): return
    raise AssertionError(st)
@case('policy')
def put_public_block():
    b = bucket(); c = client(); cfg = {'BlockPublicAcls': True, 'IgnorePublicAcls': True, 'BlockPublicPolicy': True, 'RestrictPublicBuckets': False}
    c.put_public_access_block(Bucket=b, PublicAccessBlockConfiguration=cfg); eq(c.get_public_access_block(Bucket=b)['PublicAccessBlockConfiguration'], cfg)
@case('policy')
def block_public_put_bucket_acls():
    b = bucket(); c = client(); c.put_public_access_block(Bucket=b, PublicAccessBlockConfiguration={'BlockPublicAcls': True, 'IgnorePublicAcls': False, 'BlockPublicPolicy': True, 'RestrictPublicBuckets': False})
    for a in ('public-read', 'public-read-write', 'authenticated-read'): eq(err(c.put_bucket_acl, Bucket=b, ACL=a)[0], 403)
@case('policy')
def block_public_object_canned_acls():
    b = bucket(); c = client(); c.put_public_access_block(Bucket=b, PublicAccessBlockConfiguration={'BlockPublicAcls': True, 'IgnorePublicAcls': False, 'BlockPublicPolicy': False, 'RestrictPublicBuckets': False})
    for a in ('public-read', 'public-read-write', 'authenticated-read'): eq(err(c.put_object, Bucket=b, Key='foo', ACL=a)[0], 403)
@case('policy')
def block_public_policy():
    b = bucket(); c = client(); c.put_public_access_block(Bucket=b, PublicAccessBlockConfiguration={'BlockPublicAcls': False, 'IgnorePublicAcls': False, 'BlockPublicPolicy': True, 'RestrictPublicBuckets': False})
    eq(err(pol, b, [{'Effect': 'Allow', 'Principal': '*', 'Action': 's3:GetObject', 'Resource': 'arn:aws:s3:::%s/*' % b}])[0], 403)
@case('policy')
def ignore_public_acls():
    b = bucket(); c = client(); c.put_bucket_acl(Bucket=b, ACL='public-read'); c.put_object(Bucket=b, Key='key1', Body='abcde', ACL='public-read'); anon().get_object(Bucket=b, Key='key1')
    c.put_public_access_block(Bucket=b, PublicAccessBlockConfiguration={'BlockPublicAcls': False, 'IgnorePublicAcls': True, 'BlockPublicPolicy': False, 'RestrictPublicBuckets': False})
    eq(err(anon().list_objects, Bucket=b)[0], 403); eq(err(anon().get_object, Bucket=b, Key='key1')[0], 403)
@case('policy')
def delete_public_block():
    b = bucket(); c = client(); c.put_public_access_block(Bucket=b, PublicAccessBlockConfiguration={'BlockPublicAcls': True, 'IgnorePublicAcls': False, 'BlockPublicPolicy': True, 'RestrictPublicBuckets': False})
    c.delete_public_access_block(Bucket=b); eq(err(c.get_public_access_block, Bucket=b)[0], 404)

# ---- object lock
def lockb():
    n = bname(); client().create_bucket(Bucket=n, ObjectLockEnabledForBucket=True); return n
@case('lock')
def object_lock_put_obj_lock():
    b = lockb(); c = client(); cfg = {'ObjectLockEnabled': 'Enabled', 'Rule': {'DefaultRetention': {'Mode': 'GOVERNANCE', 'Days': 1}}}
    c.put_object_lock_configuration(Bucket=b, ObjectLockConfiguration=cfg); eq(c.get_object_lock_configuration(Bucket=b)['ObjectLockConfiguration'], cfg)
    cfg = {'ObjectLockEnabled': 'Enabled', 'Rule': {'DefaultRetention': {'Mode': 'COMPLIANCE', 'Years': 1}}}
    c.put_object_lock_configuration(Bucket=b, ObjectLockConfiguration=cfg); eq(c.get_object_lock_configuration(Bucket=b)['ObjectLockConfiguration'], cfg)
    eq(c.get_bucket_versioning(Bucket=b)['Status'], 'Enabled')
@case('lock')
def object_lock_put_obj_lock_invalid_bucket():
    b = bucket(); eq(err(client().put_object_lock_configuration, Bucket=b, ObjectLockConfiguration={'ObjectLockEnabled': 'Enabled', 'Rule': {'DefaultRetention': {'Mode': 'GOVERNANCE', 'Days': 1}}}), (409, 'InvalidBucketState'))
@case('lock')
def object_lock_put_obj_lock_with_days_and_years():
    b = lockb(); eq(err(client().put_object_lock_configuration, Bucket=b, ObjectLockConfiguration={'ObjectLockEnabled': 'Enabled', 'Rule': {'DefaultRetention': {'Mode': 'GOVERNANCE', 'Days': 1, 'Years': 1}}}), (400, 'MalformedXML'))
@case('lock')
def object_lock_put_obj_lock_invalid_days():
    b = lockb(); eq(err(client().put_object_lock_configuration, Bucket=b, ObjectLockConfiguration={'ObjectLockEnabled': 'Enabled', 'Rule': {'DefaultRetention': {'Mode': 'GOVERNANCE', 'Days': 0}}}), (400, 'InvalidRetentionPeriod'))
@case('lock')
def object_lock_put_obj_lock_invalid_years():
    b = lockb(); eq(err(client().put_object_lock_configuration, Bucket=b, ObjectLockConfiguration={'ObjectLockEnabled': 'Enabled', 'Rule': {'DefaultRetention': {'Mode': 'GOVERNANCE', 'Years': -1}}}), (400, 'InvalidRetentionPeriod'))
@case('lock')
def object_lock_put_obj_lock_invalid_mode():
    b = lockb(); eq(err(client().put_object_lock_configuration, Bucket=b, ObjectLockConfiguration={'ObjectLockEnabled': 'Enabled', 'Rule': {'DefaultRetention': {'Mode': 'abc', 'Years': 1}}}), (400, 'MalformedXML'))
    eq(err(client().put_object_lock_configuration, Bucket=b, ObjectLockConfiguration={'ObjectLockEnabled': 'Enabled', 'Rule': {'DefaultRetention': {'Mode': 'governance', 'Years': 1}}}), (400, 'MalformedXML'))
@case('lock')
def object_lock_put_obj_lock_invalid_status():
    b = lockb(); eq(err(client().put_object_lock_configuration, Bucket=b, ObjectLockConfiguration={'ObjectLockEnabled': 'Disabled', 'Rule': {'DefaultRetention': {'Mode': 'GOVERNANCE', 'Years': 1}}}), (400, 'MalformedXML'))
@case('lock')
def object_lock_suspend_versioning():
    b = lockb(); eq(err(client().put_bucket_versioning, Bucket=b, VersioningConfiguration={'Status': 'Suspended'}), (409, 'InvalidBucketState'))
@case('lock')
def object_lock_get_obj_lock_invalid_bucket():
    b = bucket(); eq(err(client().get_object_lock_configuration, Bucket=b), (404, 'ObjectLockConfigurationNotFoundError'))
RET = lambda days=1: datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) + datetime.timedelta(days=days)
@case('lock')
def object_lock_put_obj_retention():
    b = lockb(); c = client(); v = c.put_object(Bucket=b, Key='file1', Body='abc')['VersionId']; r = {'Mode': 'GOVERNANCE', 'RetainUntilDate': RET()}
    c.put_object_retention(Bucket=b, Key='file1', Retention=r); eq(c.get_object_retention(Bucket=b, Key='file1')['Retention'], r)
    c.delete_object(Bucket=b, Key='file1', VersionId=v, BypassGovernanceRetention=True)
@case('lock')
def object_lock_put_obj_retention_invalid_bucket():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='file1', Body='abc'); eq(err(c.put_object_retention, Bucket=b, Key='file1', Retention={'Mode': 'GOVERNANCE', 'RetainUntilDate': RET()}), (400, 'InvalidRequest'))
@case('lock')
def object_lock_put_obj_retention_invalid_mode():
    b = lockb(); c = client(); c.put_object(Bucket=b, Key='file1', Body='abc'); eq(err(c.put_object_retention, Bucket=b, Key='file1', Retention={'Mode': 'governance', 'RetainUntilDate': RET()}), (400, 'MalformedXML'))
@case('lock')
def object_lock_get_obj_retention_invalid_bucket():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='file1', Body='abc'); eq(err(c.get_object_retention, Bucket=b, Key='file1'), (400, 'InvalidRequest'))
@case('lock')
def object_lock_put_obj_retention_shorten_period():
    b = lockb(); c = client(); v = c.put_object(Bucket=b, Key='file1', Body='abc')['VersionId']
    c.put_object_retention(Bucket=b, Key='file1', Retention={'Mode': 'GOVERNANCE', 'RetainUntilDate': RET(2)})
    eq(err(c.put_object_retention, Bucket=b, Key='file1', Retention={'Mode': 'GOVERNANCE', 'RetainUntilDate': RET(1)}), (403, 'AccessDenied'))
    c.put_object_retention(Bucket=b, Key='file1', Retention={'Mode': 'GOVERNANCE', 'RetainUntilDate': RET(1)}, BypassGovernanceRetention=True)
@case('lock')
def object_lock_delete_object_with_retention():
    b = lockb(); c = client(); v = c.put_object(Bucket=b, Key='file1', Body='abc')['VersionId']
    c.put_object_retention(Bucket=b, Key='file1', Retention={'Mode': 'GOVERNANCE', 'RetainUntilDate': RET()})
    eq(err(c.delete_object, Bucket=b, Key='file1', VersionId=v), (403, 'AccessDenied'))
    eq(c.delete_object(Bucket=b, Key='file1', VersionId=v, BypassGovernanceRetention=True)['ResponseMetadata']['HTTPStatusCode'], 204)
@case('lock')
def object_lock_multi_delete_object_with_retention():
    b = lockb(); c = client(); v1 = c.put_object(Bucket=b, Key='file1', Body='abc')['VersionId']; v2 = c.put_object(Bucket=b, Key='file2', Body='abc')['VersionId']
    c.put_object_retention(Bucket=b, Key='file1', Retention={'Mode': 'GOVERNANCE', 'RetainUntilDate': RET()})
    r = c.delete_objects(Bucket=b, Delete={'Objects': [{'Key': 'file1', 'VersionId': v1}, {'Key': 'file2', 'VersionId': v2}]})
    eq(len(r['Deleted']), 1); eq(len(r['Errors']), 1); eq(r['Errors'][0]['Code'], 'AccessDenied')
@case('lock')
def object_lock_put_legal_hold():
    b = lockb(); c = client(); v = c.put_object(Bucket=b, Key='file1', Body='abc')['VersionId']
    c.put_object_legal_hold(Bucket=b, Key='file1', LegalHold={'Status': 'ON'}); eq(c.get_object_legal_hold(Bucket=b, Key='file1')['LegalHold'], {'Status': 'ON'})
    eq(err(c.delete_object, Bucket=b, Key='file1', VersionId=v), (403, 'AccessDenied')); c.put_object_legal_hold(Bucket=b, Key='file1', LegalHold={'Status': 'OFF'})
    c.delete_object(Bucket=b, Key='file1', VersionId=v)
@case('lock')
def object_lock_put_legal_hold_invalid_status():
    b = lockb(); c = client(); c.put_object(Bucket=b, Key='file1', Body='abc'); eq(err(c.put_object_legal_hold, Bucket=b, Key='file1', LegalHold={'Status': 'abc'}), (400, 'MalformedXML'))
@case('lock')
def object_lock_get_obj_metadata():
    b = lockb(); c = client(); c.put_object(Bucket=b, Key='file1', Body='abc'); r = {'Mode': 'GOVERNANCE', 'RetainUntilDate': RET()}
    c.put_object_retention(Bucket=b, Key='file1', Retention=r); c.put_object_legal_hold(Bucket=b, Key='file1', LegalHold={'Status': 'ON'})
    h = c.head_object(Bucket=b, Key='file1'); eq((h['ObjectLockMode'], h['ObjectLockRetainUntilDate'], h['ObjectLockLegalHoldStatus']), ('GOVERNANCE', r['RetainUntilDate'], 'ON'))
@case('lock')
def object_lock_uploading_obj():
    b = lockb(); c = client(); c.put_object(Bucket=b, Key='file1', Body='abc', ObjectLockMode='GOVERNANCE', ObjectLockRetainUntilDate=RET(), ObjectLockLegalHoldStatus='ON')
    h = c.head_object(Bucket=b, Key='file1'); eq((h['ObjectLockMode'], h['ObjectLockLegalHoldStatus']), ('GOVERNANCE', 'ON'))
@case('lock')
def object_lock_changing_mode_from_governance_with_bypass():
    b = lockb(); c = client(); c.put_object(Bucket=b, Key='file1', Body='abc', ObjectLockMode='GOVERNANCE', ObjectLockRetainUntilDate=RET())
    c.put_object_retention(Bucket=b, Key='file1', Retention={'Mode': 'COMPLIANCE', 'RetainUntilDate': RET()}, BypassGovernanceRetention=True)
@case('lock')
def object_lock_changing_mode_from_compliance():
    b = lockb(); c = client(); c.put_object(Bucket=b, Key='file1', Body='abc', ObjectLockMode='COMPLIANCE', ObjectLockRetainUntilDate=RET())
    eq(err(c.put_object_retention, Bucket=b, Key='file1', Retention={'Mode': 'GOVERNANCE', 'RetainUntilDate': RET()}), (403, 'AccessDenied'))
@case('lock')
def object_lock_put_obj_lock_invalid_bucket_create():
    n = bname(); c = client(); c.create_bucket(Bucket=n); eq(err(c.get_object_lock_configuration, Bucket=n)[1], 'ObjectLockConfigurationNotFoundError')

# ---- errors / headers
@case('errors')
def head_missing_object_has_no_body():
    b = bucket(); r = requests.head(client().generate_presigned_url('head_object', Params={'Bucket': b, 'Key': 'nope'})); eq((r.status_code, r.content), (404, b''))
@case('errors')
def error_document_is_xml_with_code_message_resource_requestid():
    b = bucket(); r = requests.get(client().generate_presigned_url('get_object', Params={'Bucket': b, 'Key': 'nope'}))
    import xml.etree.ElementTree as ET; x = ET.fromstring(r.content); eq(x.tag, 'Error'); eq(x.find('Code').text, 'NoSuchKey'); assert x.find('Message') is not None and x.find('RequestId') is not None
    eq(r.headers['content-type'].startswith('application/xml'), True)
@case('errors')
def unsupported_subresource_not_implemented():
    b = bucket(); r = requests.get(client().generate_presigned_url('get_bucket_website', Params={'Bucket': b})); eq(r.status_code, 501)
@case('errors')
def method_not_allowed_on_bucket_post():
    b = bucket(); c = client(); v = c.put_bucket_versioning(Bucket=b, VersioningConfiguration={'Status': 'Enabled'})
    dm = c.delete_object(Bucket=b, Key='x')['VersionId']; eq(err(c.head_object, Bucket=b, Key='x', VersionId=dm)[0], 405)
@case('errors')
def object_create_bad_md5_invalid_short():
    b = bucket(); c = client(); hook(c, 'before-call.s3.PutObject', {'Content-MD5': 'YWJyYWNhZGFicmE='}); eq(err(c.put_object, Bucket=b, Key='foo', Body='bar'), (400, 'InvalidDigest'))
@case('errors')
def object_create_bad_md5_bad():
    b = bucket(); c = client(); hook(c, 'before-call.s3.PutObject', {'Content-MD5': 'rL0Y20xC+Fzt72VPzMSk2A=='}); eq(err(c.put_object, Bucket=b, Key='foo', Body='bar'), (400, 'BadDigest'))
@case('errors')
def object_create_bad_md5_empty():
    b = bucket(); c = client(); hook(c, 'before-call.s3.PutObject', {'Content-MD5': ''}); eq(err(c.put_object, Bucket=b, Key='foo', Body='bar'), (400, 'InvalidDigest'))
@case('errors')
def object_create_bad_contentlength_negative():
    b = bucket(); c = client(); hook(c, 'before-call.s3.PutObject', {'Content-Length': '-1'}); st = err(c.put_object, Bucket=b, Key='foo', Body='')
    eq(st[0], 400)
@case('errors')
def object_create_bad_contentlength_mismatch_above():
    b = bucket(); s = socket.create_connection((EP.split('//')[1].split(':')[0], int(EP.rsplit(':', 1)[1]))); s.settimeout(60)
    url = client().generate_presigned_url('put_object', Params={'Bucket': b, 'Key': 'foo'}).replace(EP, '')
    s.sendall(('PUT %s HTTP/1.1\r\nHost: %s\r\nContent-Length: 4\r\n\r\nbar' % (url, EP.split('//')[1])).encode())
    data = s.recv(4096); s.close(); eq((data.split(b' ')[1], b'RequestTimeout' in data), (b'400', True), data[:300])
@case('errors')
def object_create_bad_authorization_empty():
    b = bucket(); c = client(); c.meta.events.register('before-send.s3.PutObject', lambda request, **kw: request.headers.__setitem__('Authorization', ''))
    eq(err(c.put_object, Bucket=b, Key='foo', Body='bar')[0], 403)
@case('errors')
def object_create_bad_date_invalid_aws2():
    b = bucket(); c = client(sig='s3'); c.meta.events.register('before-sign.s3.PutObject', lambda request, **kw: request.headers.__setitem__('x-amz-date', 'Bad Date'))
    eq(err(c.put_object, Bucket=b, Key='foo', Body='bar'), (403, 'AccessDenied'))
@case('errors')
def object_create_bad_date_before_epoch_aws2():
    b = bucket(); c = client(sig='s3'); c.meta.events.register('before-sign.s3.PutObject', lambda request, **kw: request.headers.__setitem__('x-amz-date', 'Tue, 07 Jul 1950 21:53:04 GMT'))
    eq(err(c.put_object, Bucket=b, Key='foo', Body='bar'), (403, 'AccessDenied'))
@case('errors')
def bucket_create_bad_contentlength_empty():
    c = client(); hook(c, 'before-call.s3.CreateBucket', {'Content-Length': ''}); st = err(c.create_bucket, Bucket=bname()); eq(st[0], 400)
@case('errors')
def object_create_bad_expect_mismatch():
    b = bucket(); c = client(); hook(c, 'before-call.s3.PutObject', {'Expect': 200}); c.put_object(Bucket=b, Key='foo', Body='bar')
@case('errors')
def object_create_bad_ua_empty():
    b = bucket(); c = client(); hook(c, 'before-call.s3.PutObject', {'User-Agent': ''}); c.put_object(Bucket=b, Key='foo', Body='bar')
@case('errors')
def bucket_put_bad_canned_acl():
    c = client(); n = bname(); c.create_bucket(Bucket=n); hook(c, 'before-call.s3.PutBucketAcl', {'x-amz-acl': 'public-ready'}); eq(err(c.put_bucket_acl, Bucket=n, ACL='public-read')[0], 400)
@case('errors')
def object_put_bad_canned_acl():
    b = bucket(); c = client(); hook(c, 'before-call.s3.PutObject', {'x-amz-acl': 'public-ready'}); eq(err(c.put_object, Bucket=b, Key='foo', Body='bar')[0], 400)
