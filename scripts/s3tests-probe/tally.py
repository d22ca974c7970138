import json, glob, collections
EXTRA = set('''versioning_list_versions_delimiter_encoding versioning_list_versions_max_keys_zero get_object_attributes_basic get_object_attributes_multipart_parts
put_object_checksum_crc32_roundtrip put_object_bad_checksum bucket_encryption_default put_bucket_encryption_s3 bucket_list_objects_buckets_paginated
object_head_zero_bytes_content_length_header object_lock_and_delete_marker_headers list_multipart_uploads_prefix_delimiter upload_part_no_such_upload
complete_parts_out_of_order copy_object_metadata_directive_invalid copy_to_itself_with_storage_class_change_only copy_object_ifmodifiedsince_unmodified
ranged_request_suffix_larger_than_object ranged_request_end_past_size ranged_request_suffix_zero ranged_head_request head_object_ifmatch_failed
get_object_ifmatch_and_ifunmodifiedsince_precedence get_object_ifnonematch_and_ifmodifiedsince_precedence ranged_request_multiple_ranges_ignored
ranged_request_malformed_ignored list_parts_paged versioning_delete_marker_get_head versioning_list_versions_key_marker head_missing_object_has_no_body
error_document_is_xml_with_code_message_resource_requestid unsupported_subresource_not_implemented method_not_allowed_on_bucket_post'''.split())
res = []
for f in sorted(glob.glob('res-*.json')): res += json.load(open(f))
by = collections.OrderedDict()
for area, name, st, msg in res:
    k = 'extra' if name in EXTRA else 's3-tests'
    by.setdefault((k, area), collections.Counter())[st] += 1
for (k, area), c in by.items(): print(k, area, dict(c))
tot = collections.Counter(); ext = collections.Counter()
for area, name, st, msg in res: (ext if name in EXTRA else tot)[st] += 1
print('s3-tests', dict(tot), sum(tot.values())); print('extra', dict(ext), sum(ext.values()))
for area, name, st, msg in res:
    if st != 'pass': print(st, area, name, '|', msg[:160])
