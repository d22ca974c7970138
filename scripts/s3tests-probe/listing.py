from harness import *

def lv(b, v2, **kw):
    c = client()
    if v2: return c.list_objects_v2(Bucket=b, **kw)
    return c.list_objects(Bucket=b, **kw)

for v2 in (False, True):
    sfx = 'v2' if v2 else ''
    def mk(v2):
        @case('listing')
        def bucket_list_many():
            b = objs(['foo', 'bar', 'baz'])
            r = lv(b, v2, MaxKeys=2); eq(keys(r), ['bar', 'baz']); eq(r['IsTruncated'], True)
            r = lv(b, v2, MaxKeys=2, **({'StartAfter': 'baz'} if v2 else {'Marker': 'baz'}))
            eq(keys(r), ['foo']); eq(r['IsTruncated'], False)
        @case('listing')
        def bucket_list_delimiter_basic():
            b = objs(['foo/bar', 'foo/bar/xyzzy', 'quux/thud', 'asdf'])
            r = lv(b, v2, Delimiter='/'); eq(r['Delimiter'], '/'); eq(keys(r), ['asdf']); eq(prefixes(r), ['foo/', 'quux/'])
            if v2: eq(r['KeyCount'], 3)
        @case('listing')
        def bucket_list_encoding_basic():
            b = objs(['foo+1/bar', 'foo/bar/xyzzy', 'quux ab/thud', 'asdf+b'])
            r = lv(b, v2, Delimiter='/', EncodingType='url')
            eq(keys(r), ['asdf%2Bb']); eq(prefixes(r), ['foo%2B1/', 'foo/', 'quux%20ab/'])
        @case('listing')
        def bucket_list_delimiter_prefix():
            b = objs(['asdf', 'boo/bar', 'boo/baz/xyzzy', 'cquux/thud', 'cquux/bla'])
            def page(prefix, tok, mk, trunc, ks, ps, nm):
                kw = dict(Delimiter='/', MaxKeys=mk, Prefix=prefix)
                if v2:
                    if tok: kw['ContinuationToken'] = tok
                    else: kw['StartAfter'] = ''
                else: kw['Marker'] = tok or ''
                r = lv(b, v2, **kw)
                eq(r['IsTruncated'], trunc); eq(keys(r), ks); eq(prefixes(r), ps)
                if v2: return r.get('NextContinuationToken')
                eq(r.get('NextMarker'), nm); return r.get('NextMarker')
            m = page('', None, 1, True, ['asdf'], [], 'asdf')
            m = page('', m, 1, True, [], ['boo/'], 'boo/')
            m = page('', m, 1, False, [], ['cquux/'], None)
            m = page('', None, 2, True, ['asdf'], ['boo/'], 'boo/')
            m = page('', m, 2, False, [], ['cquux/'], None)
            m = page('boo/', None, 1, True, ['boo/bar'], [], 'boo/bar')
            m = page('boo/', m, 1, False, [], ['boo/baz/'], None)
            page('boo/', None, 2, False, ['boo/bar'], ['boo/baz/'], None)
        @case('listing')
        def bucket_list_delimiter_prefix_ends_with_delimiter():
            b = objs(['asdf/']); r = lv(b, v2, Prefix='asdf/', Delimiter='/'); eq(keys(r), ['asdf/']); eq(prefixes(r), [])
        @case('listing')
        def bucket_list_delimiter_alt():
            b = objs(['bar', 'baz', 'cab', 'foo']); r = lv(b, v2, Delimiter='a'); eq(keys(r), ['foo']); eq(prefixes(r), ['ba', 'ca'])
        @case('listing')
        def bucket_list_delimiter_percentage():
            b = objs(['b%ar', 'b%az', 'c%ab', 'foo']); r = lv(b, v2, Delimiter='%'); eq(keys(r), ['foo']); eq(prefixes(r), ['b%', 'c%'])
        @case('listing')
        def bucket_list_delimiter_whitespace():
            b = objs(['b ar', 'b az', 'c ab', 'foo']); r = lv(b, v2, Delimiter=' '); eq(keys(r), ['foo']); eq(prefixes(r), ['b ', 'c '])
        @case('listing')
        def bucket_list_delimiter_dot():
            b = objs(['b.ar', 'b.az', 'c.ab', 'foo']); r = lv(b, v2, Delimiter='.'); eq(keys(r), ['foo']); eq(prefixes(r), ['b.', 'c.'])
        @case('listing')
        def bucket_list_delimiter_unreadable():
            b = objs(['bar', 'baz', 'cab', 'foo']); r = lv(b, v2, Delimiter='\x0a'); eq(r['Delimiter'], '\x0a'); eq(keys(r), ['bar', 'baz', 'cab', 'foo']); eq(prefixes(r), [])
        @case('listing')
        def bucket_list_delimiter_empty():
            b = objs(['bar', 'baz', 'cab', 'foo']); r = lv(b, v2, Delimiter=''); eq('Delimiter' in r, False); eq(keys(r), ['bar', 'baz', 'cab', 'foo'])
        @case('listing')
        def bucket_list_delimiter_none():
            b = objs(['bar', 'baz', 'cab', 'foo']); r = lv(b, v2); eq('Delimiter' in r, False); eq(keys(r), ['bar', 'baz', 'cab', 'foo'])
        @case('listing')
        def bucket_list_delimiter_not_exist():
            b = objs(['bar', 'baz', 'cab', 'foo']); r = lv(b, v2, Delimiter='/'); eq(r['Delimiter'], '/'); eq(keys(r), ['bar', 'baz', 'cab', 'foo']); eq(prefixes(r), [])
        @case('listing')
        def bucket_list_prefix_basic():
            b = objs(['foo/bar', 'foo/baz', 'quux']); r = lv(b, v2, Prefix='foo/'); eq(r['Prefix'], 'foo/'); eq(keys(r), ['foo/bar', 'foo/baz'])
        @case('listing')
        def bucket_list_prefix_alt():
            b = objs(['bar', 'baz', 'foo']); r = lv(b, v2, Prefix='ba'); eq(keys(r), ['bar', 'baz'])
        @case('listing')
        def bucket_list_prefix_empty():
            b = objs(['foo/bar', 'foo/baz', 'quux']); r = lv(b, v2, Prefix=''); eq(r['Prefix'], ''); eq(keys(r), ['foo/bar', 'foo/baz', 'quux'])
        @case('listing')
        def bucket_list_prefix_not_exist():
            b = objs(['foo/bar', 'foo/baz', 'quux']); r = lv(b, v2, Prefix='d'); eq(r['Prefix'], 'd'); eq(keys(r), [])
        @case('listing')
        def bucket_list_prefix_unreadable():
            b = objs(['foo/bar', 'foo/baz', 'quux']); r = lv(b, v2, Prefix='\x0a'); eq(r['Prefix'], '\x0a'); eq(keys(r), [])
        @case('listing')
        def bucket_list_prefix_delimiter_basic():
            b = objs(['foo/bar', 'foo/baz/xyzzy', 'quux/thud', 'asdf']); r = lv(b, v2, Delimiter='/', Prefix='foo/')
            eq(keys(r), ['foo/bar']); eq(prefixes(r), ['foo/baz/'])
        @case('listing')
        def bucket_list_prefix_delimiter_alt():
            b = objs(['bar', 'bazar', 'cab', 'foo']); r = lv(b, v2, Delimiter='a', Prefix='ba'); eq(keys(r), ['bar']); eq(prefixes(r), ['baza'])
        @case('listing')
        def bucket_list_prefix_delimiter_prefix_not_exist():
            b = objs(['b/a/r', 'b/a/c', 'b/a/g', 'g']); r = lv(b, v2, Delimiter='d', Prefix='/'); eq(keys(r), []); eq(prefixes(r), [])
        @case('listing')
        def bucket_list_prefix_delimiter_delimiter_not_exist():
            b = objs(['b/a/c', 'b/a/g', 'b/a/r', 'g']); r = lv(b, v2, Delimiter='z', Prefix='b'); eq(keys(r), ['b/a/c', 'b/a/g', 'b/a/r'])
        @case('listing')
        def bucket_list_maxkeys_one():
            b = objs(['bar', 'baz', 'foo', 'quxx']); r = lv(b, v2, MaxKeys=1); eq(r['IsTruncated'], True); eq(keys(r), ['bar'])
            r = lv(b, v2, **({'StartAfter': 'bar'} if v2 else {'Marker': 'bar'})); eq(r['IsTruncated'], False); eq(keys(r), ['baz', 'foo', 'quxx'])
        @case('listing')
        def bucket_list_maxkeys_zero():
            b = objs(['bar', 'baz', 'foo', 'quxx']); r = lv(b, v2, MaxKeys=0); eq(r['IsTruncated'], False); eq(keys(r), [])
        @case('listing')
        def bucket_list_maxkeys_none():
            b = objs(['bar', 'baz', 'foo', 'quxx']); r = lv(b, v2); eq(r['IsTruncated'], False); eq(r['MaxKeys'], 1000)
        @case('listing')
        def bucket_list_maxkeys_invalid():
            b = objs(['bar']); c = client()
            ev = 'before-call.s3.ListObjectsV2' if v2 else 'before-call.s3.ListObjects'
            c.meta.events.register(ev, lambda **kw: kw['params'].__setitem__('url', kw['params']['url'] + '&max-keys=blah'))
            st = err(c.list_objects_v2 if v2 else c.list_objects, Bucket=b); eq(st, (400, 'InvalidArgument'))
        @case('listing')
        def bucket_list_startafter_unreadable():
            b = objs(['bar', 'baz', 'foo', 'quxx'])
            r = lv(b, v2, **({'StartAfter': '\x0a'} if v2 else {'Marker': '\x0a'}))
            eq(r['StartAfter' if v2 else 'Marker'], '\x0a'); eq(keys(r), ['bar', 'baz', 'foo', 'quxx'])
        @case('listing')
        def bucket_list_marker_not_in_list():
            b = objs(['bar', 'baz', 'foo', 'quxx'])
            r = lv(b, v2, **({'StartAfter': 'blah'} if v2 else {'Marker': 'blah'})); eq(keys(r), ['foo', 'quxx'])
        @case('listing')
        def bucket_list_marker_after_list():
            b = objs(['bar', 'baz', 'foo', 'quxx'])
            r = lv(b, v2, **({'StartAfter': 'zzz'} if v2 else {'Marker': 'zzz'})); eq(keys(r), []); eq(r['IsTruncated'], False)
        @case('listing')
        def bucket_list_objects_anonymous():
            b = bucket(); client().put_bucket_acl(Bucket=b, ACL='public-read')
            a = anon(); (a.list_objects_v2 if v2 else a.list_objects)(Bucket=b)
        @case('listing')
        def bucket_list_objects_anonymous_fail():
            b = bucket(); a = anon(); eq(err(a.list_objects_v2 if v2 else a.list_objects, Bucket=b), (403, 'AccessDenied'))
        @case('listing')
        def bucket_notexist():
            c = client(); eq(err(c.list_objects_v2 if v2 else c.list_objects, Bucket=bname()), (404, 'NoSuchBucket'))
        @case('listing')
        def bucket_list_special_prefix():
            b = objs(['_bla/1', '_bla/2', '_bla/3', '_bla/4', 'abcd']); eq(len(keys(lv(b, v2))), 5); eq(len(keys(lv(b, v2, Prefix='_bla/'))), 4)
    before = len(CASES); mk(v2)
    if v2:
        for i in range(before, len(CASES)):
            a, n, f = CASES[i]; CASES[i] = (a, n.replace('bucket_list', 'bucket_listv2').replace('bucket_notexist', 'bucketv2_notexist'), f)

@case('listing')
def bucket_list_delimiter_not_skip_special():
    b = bucket(); c = client()
    ks = ['0/'] + ['0/%d' % i for i in range(1000, 1999)]
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(8) as ex: list(ex.map(lambda k: c.put_object(Bucket=b, Key=k, Body=k), ks))
    for k in ['1999', '1999#', '1999+', '2000']: c.put_object(Bucket=b, Key=k, Body=k)
    r = c.list_objects(Bucket=b, Delimiter='/'); eq(keys(r), ['1999', '1999#', '1999+', '2000']); eq(prefixes(r), ['0/'])
@case('listing')
def bucket_list_marker_none():
    b = objs(['bar']); eq(client().list_objects(Bucket=b)['Marker'], '')
@case('listing')
def bucket_list_marker_empty():
    b = objs(['bar', 'baz']); r = client().list_objects(Bucket=b, Marker=''); eq(r['Marker'], ''); eq(keys(r), ['bar', 'baz'])
@case('listing')
def bucket_listv2_continuationtoken_empty():
    b = objs(['bar', 'baz', 'foo', 'quxx']); r = client().list_objects_v2(Bucket=b, ContinuationToken='')
    eq(r['ContinuationToken'], ''); eq(r['IsTruncated'], False); eq(keys(r), ['bar', 'baz', 'foo', 'quxx'])
@case('listing')
def bucket_listv2_continuationtoken():
    b = objs(['bar', 'baz', 'foo', 'quxx']); c = client(); t = c.list_objects_v2(Bucket=b, MaxKeys=1)['NextContinuationToken']
    r = c.list_objects_v2(Bucket=b, ContinuationToken=t); eq(r['ContinuationToken'], t); eq(keys(r), ['baz', 'foo', 'quxx'])
@case('listing')
def bucket_listv2_both_continuationtoken_startafter():
    b = objs(['bar', 'baz', 'foo', 'quxx']); c = client(); t = c.list_objects_v2(Bucket=b, StartAfter='bar', MaxKeys=1)['NextContinuationToken']
    r = c.list_objects_v2(Bucket=b, StartAfter='bar', ContinuationToken=t); eq(r['StartAfter'], 'bar'); eq(keys(r), ['foo', 'quxx'])
@case('listing')
def bucket_listv2_fetchowner_notempty():
    b = objs(['foo/bar', 'quux']); eq('Owner' in client().list_objects_v2(Bucket=b, FetchOwner=True)['Contents'][0], True)
@case('listing')
def bucket_listv2_fetchowner_defaultempty():
    b = objs(['foo/bar', 'quux']); eq('Owner' in client().list_objects_v2(Bucket=b)['Contents'][0], False)
@case('listing')
def bucket_listv2_fetchowner_empty():
    b = objs(['foo/bar', 'quux']); eq('Owner' in client().list_objects_v2(Bucket=b, FetchOwner=False)['Contents'][0], False)
@case('listing')
def basic_key_count():
    b = objs([str(j) for j in range(5)]); eq(client().list_objects_v2(Bucket=b)['KeyCount'], 5)
@case('listing')
def bucket_list_return_data():
    b = objs(['bar', 'baz', 'foo']); c = client()
    for o in c.list_objects(Bucket=b)['Contents']:
        h = c.head_object(Bucket=b, Key=o['Key']); a = c.get_object_acl(Bucket=b, Key=o['Key'])
        eq(o['ETag'], h['ETag']); eq(o['Size'], h['ContentLength']); eq(o['Owner']['ID'], a['Owner']['ID'])
        eq(o['Owner'].get('DisplayName'), a['Owner'].get('DisplayName')); eq(o['LastModified'].replace(microsecond=0), h['LastModified'])
@case('listing')
def bucket_list_return_data_versioning():
    b = bucket(); c = client(); c.put_bucket_versioning(Bucket=b, VersioningConfiguration={'Status': 'Enabled'}); objs(['bar', 'baz', 'foo'], b)
    for o in c.list_object_versions(Bucket=b)['Versions']:
        h = c.head_object(Bucket=b, Key=o['Key']); a = c.get_object_acl(Bucket=b, Key=o['Key'])
        eq(o['ETag'], h['ETag']); eq(o['Size'], h['ContentLength']); eq(o['Owner']['ID'], a['Owner']['ID']); eq(o['VersionId'], h['VersionId'])
