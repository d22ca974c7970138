from harness import *
@case('versioning')
def versioning_list_versions_delimiter_encoding():
    b = bucket(); c = client(); c.put_bucket_versioning(Bucket=b, VersioningConfiguration={'Status': 'Enabled'})
    for k in ['foo+1/bar', 'foo/bar/xyzzy', 'quux ab/thud', 'asdf+b']: c.put_object(Bucket=b, Key=k, Body='x')
    r = c.list_object_versions(Bucket=b, Delimiter='/', EncodingType='url')
    eq([v['Key'] for v in r['Versions']], ['asdf%2Bb']); eq(prefixes(r), ['foo%2B1/', 'foo/', 'quux%20ab/'])
@case('versioning')
def versioning_list_versions_max_keys_zero():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='a', Body='x'); r = c.list_object_versions(Bucket=b, MaxKeys=0); eq(r['IsTruncated'], False); eq('Versions' in r, False)
@case('object')
def get_object_attributes_basic():
    b = bucket(); c = client(); e = c.put_object(Bucket=b, Key='k', Body='abc')['ETag']
    r = c.get_object_attributes(Bucket=b, Key='k', ObjectAttributes=['ETag', 'ObjectSize', 'StorageClass']); eq((r['ETag'], r['ObjectSize'], r['StorageClass']), (e.strip('"'), 3, 'STANDARD'))
@case('object')
def get_object_attributes_multipart_parts():
    b = bucket(); c = client(); u = c.create_multipart_upload(Bucket=b, Key='k')['UploadId']; import os
    p1 = c.upload_part(Bucket=b, Key='k', UploadId=u, PartNumber=1, Body=os.urandom(5 * 1024 * 1024))['ETag']; p2 = c.upload_part(Bucket=b, Key='k', UploadId=u, PartNumber=2, Body=b'x')['ETag']
    c.complete_multipart_upload(Bucket=b, Key='k', UploadId=u, MultipartUpload={'Parts': [{'ETag': p1, 'PartNumber': 1}, {'ETag': p2, 'PartNumber': 2}]})
    r = c.get_object_attributes(Bucket=b, Key='k', ObjectAttributes=['ObjectParts'], MaxParts=1); eq(r['ObjectParts']['TotalPartsCount'], 2); eq(r['ObjectParts']['IsTruncated'], True)
@case('object')
def put_object_checksum_crc32_roundtrip():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='k', Body=b'abc', ChecksumAlgorithm='CRC32')
    r = c.head_object(Bucket=b, Key='k', ChecksumMode='ENABLED'); eq(r['ChecksumCRC32'], 'NSRBwg==')
@case('object')
def put_object_bad_checksum():
    b = bucket(); c = client(); hook(c, 'before-call.s3.PutObject', {'x-amz-checksum-sha256': base64.b64encode(b'x' * 32).decode()})
    eq(err(c.put_object, Bucket=b, Key='k', Body=b'abc')[0], 400)
@case('bucket')
def bucket_encryption_default():
    b = bucket(); c = client(); r = c.get_bucket_encryption(Bucket=b); eq(r['ServerSideEncryptionConfiguration']['Rules'][0]['ApplyServerSideEncryptionByDefault']['SSEAlgorithm'], 'AES256')
@case('bucket')
def put_bucket_encryption_s3():
    b = bucket(); c = client(); c.put_bucket_encryption(Bucket=b, ServerSideEncryptionConfiguration={'Rules': [{'ApplyServerSideEncryptionByDefault': {'SSEAlgorithm': 'AES256'}}]})
    c.put_object(Bucket=b, Key='k', Body='x'); eq(c.head_object(Bucket=b, Key='k')['ServerSideEncryption'], 'AES256')
@case('bucket')
def bucket_list_objects_buckets_paginated():
    for _ in range(2): bucket()
    r = client().list_buckets(MaxBuckets=1); eq(len(r['Buckets']), 1); assert r.get('ContinuationToken')
@case('object')
def object_head_zero_bytes_content_length_header():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='z', Body=b''); r = requests.head(c.generate_presigned_url('head_object', Params={'Bucket': b, 'Key': 'z'})); eq(r.headers.get('content-length'), '0')
@case('object')
def object_lock_and_delete_marker_headers():
    b = bucket(); c = client(); c.put_bucket_versioning(Bucket=b, VersioningConfiguration={'Status': 'Enabled'}); c.put_object(Bucket=b, Key='k', Body='x'); c.delete_object(Bucket=b, Key='k')
    r = requests.head(c.generate_presigned_url('head_object', Params={'Bucket': b, 'Key': 'k'})); eq((r.status_code, r.headers.get('x-amz-delete-marker')), (404, 'true'))
@case('multipart')
def list_multipart_uploads_prefix_delimiter():
    b = bucket(); c = client()
    for k in ('a/1', 'a/2', 'b'): c.create_multipart_upload(Bucket=b, Key=k)
    r = c.list_multipart_uploads(Bucket=b, Delimiter='/'); eq([u['Key'] for u in r.get('Uploads', [])], ['b']); eq(prefixes(r), ['a/'])
    r = c.list_multipart_uploads(Bucket=b, MaxUploads=1); eq(r['IsTruncated'], True); eq(len(r['Uploads']), 1)
@case('multipart')
def upload_part_no_such_upload():
    b = bucket(); eq(err(client().upload_part, Bucket=b, Key='k', UploadId='nope', PartNumber=1, Body=b'x'), (404, 'NoSuchUpload'))
@case('multipart')
def complete_parts_out_of_order():
    b = bucket(); c = client(); import os; u = c.create_multipart_upload(Bucket=b, Key='k')['UploadId']
    e1 = c.upload_part(Bucket=b, Key='k', UploadId=u, PartNumber=1, Body=os.urandom(5 * 1024 * 1024))['ETag']; e2 = c.upload_part(Bucket=b, Key='k', UploadId=u, PartNumber=2, Body=b'x')['ETag']
    eq(err(c.complete_multipart_upload, Bucket=b, Key='k', UploadId=u, MultipartUpload={'Parts': [{'ETag': e2, 'PartNumber': 2}, {'ETag': e1, 'PartNumber': 1}]}), (400, 'InvalidPartOrder'))
@case('copy')
def copy_object_metadata_directive_invalid():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='a', Body='x'); hook(c, 'before-call.s3.CopyObject', {'x-amz-metadata-directive': 'BOGUS'})
    eq(err(c.copy_object, Bucket=b, Key='b', CopySource={'Bucket': b, 'Key': 'a'})[0], 400)
@case('copy')
def copy_to_itself_with_storage_class_change_only():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='a', Body='x'); c.copy_object(Bucket=b, Key='a', CopySource={'Bucket': b, 'Key': 'a'}, StorageClass='STANDARD')
@case('copy')
def copy_object_ifmodifiedsince_unmodified():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='a', Body='x')
    eq(err(c.copy_object, Bucket=b, Key='b', CopySource={'Bucket': b, 'Key': 'a'}, CopySourceIfModifiedSince=datetime.datetime(2100, 1, 1)), (412, 'PreconditionFailed'))
    eq(err(c.copy_object, Bucket=b, Key='b', CopySource={'Bucket': b, 'Key': 'a'}, CopySourceIfUnmodifiedSince=datetime.datetime(1994, 1, 1)), (412, 'PreconditionFailed'))
@case('range')
def ranged_request_suffix_larger_than_object():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='t', Body='testcontent'); r = c.get_object(Bucket=b, Key='t', Range='bytes=-100')
    eq(r['ResponseMetadata']['HTTPStatusCode'], 206); eq(r['ResponseMetadata']['HTTPHeaders']['content-range'], 'bytes 0-10/11')
@case('range')
def ranged_request_end_past_size():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='t', Body='testcontent'); r = c.get_object(Bucket=b, Key='t', Range='bytes=4-100')
    eq(r['ResponseMetadata']['HTTPHeaders']['content-range'], 'bytes 4-10/11')
@case('range')
def ranged_request_suffix_zero():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='t', Body='testcontent'); eq(err(c.get_object, Bucket=b, Key='t', Range='bytes=-0'), (416, 'InvalidRange'))
@case('range')
def ranged_head_request():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='t', Body='testcontent'); r = c.head_object(Bucket=b, Key='t', Range='bytes=4-7')
    eq((r['ResponseMetadata']['HTTPStatusCode'], r['ContentLength']), (206, 4))
@case('conditional')
def head_object_ifmatch_failed():
    b = bucket(); c = client(); c.put_object(Bucket=b, Key='k', Body='x'); eq(err(c.head_object, Bucket=b, Key='k', IfMatch='"nope"')[0], 412)
@case('conditional')
def get_object_ifmatch_and_ifunmodifiedsince_precedence():
    b = bucket(); c = client(); e = c.put_object(Bucket=b, Key='k', Body='x')['ETag']
    r = c.get_object(Bucket=b, Key='k', IfMatch=e, IfUnmodifiedSince=datetime.datetime(1994, 1, 1)); eq(r['ResponseMetadata']['HTTPStatusCode'], 200)
@case('conditional')
def get_object_ifnonematch_and_ifmodifiedsince_precedence():
    b = bucket(); c = client(); e = c.put_object(Bucket=b, Key='k', Body='x')['ETag']
    try: c.get_object(Bucket=b, Key='k', IfNoneMatch=e, IfModifiedSince=datetime.datetime(1994, 1, 1)); raise AssertionError('200')
    except ClientError as x: eq(x.response['ResponseMetadata']['HTTPStatusCode'], 304)
