// The S3 API as the drive uses it: path-style requests to the S3 endpoint (another origin than
// the drive's own, which the server grants CORS to), each signed with SigV4 in the browser.
// Amazon S3's documented operations only — no private back door.
import { base64, canonicalQuery, EMPTY_SHA256, presignQuery, sha256Bytes, sha256Hex, signHeaders, UNSIGNED_PAYLOAD, uriEncode } from './sigv4.js';
import { errorFrom } from './errors.js';
import { all, escapeXml, kids, parseXml, text } from './xml.js';

export const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

export function objectPath(bucket, key) {
  if (!bucket) return '/';
  return '/' + uriEncode(bucket) + (key == null ? '' : '/' + uriEncode(key, false));
}

const decodeKey = (value, encoded) => (encoded && value != null ? decodeURIComponent(value.replace(/\+/g, '%20')) : value);

/** The versions and delete markers of a ListVersionsResult. */
function versionsOf(root, encoded) {
  return Array.from(root.children)
    .filter((c) => c.localName === 'Version' || c.localName === 'DeleteMarker')
    .map((v) => ({
      key: decodeKey(text(v, 'Key'), encoded),
      versionId: text(v, 'VersionId'),
      latest: text(v, 'IsLatest') === 'true',
      modified: text(v, 'LastModified'),
      size: Number(text(v, 'Size') || 0),
      deleteMarker: v.localName === 'DeleteMarker',
    }));
}

export class S3Client {
  /** endpoint: the S3 endpoint's origin, e.g. http://localhost:9000 (from the drive's config.json). */
  constructor(credentials, endpoint) {
    this.credentials = credentials;
    this.clockOffset = 0;
    const url = new URL(endpoint);
    this.origin = url.origin;
    this.host = url.host;
  }

  now() {
    return new Date(Date.now() + this.clockOffset);
  }

  /** Signed headers for a request, for callers (uploads) that send it themselves. */
  async sign({ method, bucket, key, query = {}, headers = {}, payloadHash = UNSIGNED_PAYLOAD }) {
    const path = objectPath(bucket, key);
    const signed = await signHeaders({ method, path, query, headers, payloadHash, host: this.host, credentials: this.credentials, now: this.now() });
    const qs = canonicalQuery(query);
    return { url: this.origin + path + (qs ? '?' + qs : ''), headers: signed };
  }

  /** Sends a signed request; resolves to the Response when 2xx, rejects with an S3Error otherwise. */
  async request({ method = 'GET', bucket, key, query = {}, headers = {}, body = null, signal }) {
    const payloadHash = body == null ? EMPTY_SHA256 : typeof body === 'string' ? await sha256Hex(body) : UNSIGNED_PAYLOAD;
    for (let attempt = 0; ; attempt++) {
      const { url, headers: signed } = await this.sign({ method, bucket, key, query, headers, payloadHash });
      const response = await fetch(url, { method, headers: signed, body, signal, cache: 'no-store', credentials: 'omit', redirect: 'error' });
      if (response.ok) return response;
      const error = errorFrom(response.status, method === 'HEAD' ? '' : await response.text(), response.headers.get('x-amz-request-id'));
      if (error.code === 'RequestTimeTooSkewed' && attempt === 0 && this.syncClock(response)) continue;
      throw error;
    }
  }

  /** Adopts the server's clock from a response's Date header; true when it moved. */
  syncClock(response) {
    const serverTime = Date.parse(response.headers.get('date') || '');
    if (Number.isNaN(serverTime)) return false;
    this.clockOffset = serverTime - Date.now();
    return true;
  }

  async xml(options) {
    return parseXml(await (await this.request(options)).text()).documentElement;
  }

  async listBuckets() {
    const root = await this.xml({});
    return all(root, 'Bucket').map((b) => ({ name: text(b, 'Name'), created: text(b, 'CreationDate') }));
  }

  createBucket(name) {
    const region = this.credentials.region;
    const body = region === 'us-east-1' ? null
      : `<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>${escapeXml(region)}</LocationConstraint></CreateBucketConfiguration>`;
    return this.request({ method: 'PUT', bucket: name, body });
  }

  deleteBucket(name) {
    return this.request({ method: 'DELETE', bucket: name });
  }

  /** One page of ListObjectsV2: folders (common prefixes) and files. */
  async listObjects({ bucket, prefix = '', delimiter = '/', token, maxKeys = 1000, signal }) {
    const query = { 'list-type': '2', prefix, 'max-keys': String(maxKeys), 'encoding-type': 'url' };
    if (delimiter) query.delimiter = delimiter;
    if (token) query['continuation-token'] = token;
    const root = await this.xml({ bucket, query, signal });
    const encoded = text(root, 'EncodingType') === 'url';
    return {
      folders: kids(root, 'CommonPrefixes').map((p) => decodeKey(text(p, 'Prefix'), encoded)),
      files: kids(root, 'Contents').map((c) => ({
        key: decodeKey(text(c, 'Key'), encoded),
        size: Number(text(c, 'Size')),
        modified: text(c, 'LastModified'),
        etag: text(c, 'ETag'),
      })),
      next: text(root, 'IsTruncated') === 'true' ? text(root, 'NextContinuationToken') : null,
    };
  }

  /** Every key under a prefix (no delimiter), page by page; onPage sees each page. */
  async listAll(bucket, prefix, onPage, signal) {
    const files = [];
    let token = null;
    do {
      const page = await this.listObjects({ bucket, prefix, delimiter: '', token, signal });
      files.push(...page.files);
      if (onPage) onPage(page, files);
      token = page.next;
    } while (token);
    return files;
  }

  async headObject(bucket, key, versionId) {
    const query = versionId ? { versionId } : {};
    const response = await this.request({ method: 'HEAD', bucket, key, query, headers: { 'x-amz-checksum-mode': 'ENABLED' } });
    return response.headers;
  }

  putEmpty(bucket, key) {
    return this.request({ method: 'PUT', bucket, key, body: '' });
  }

  /**
   * DeleteObjects in batches of 1,000; resolves to the keys the server refused, with reasons. A
   * key may be given as {key, versionId} to delete that version (or delete marker).
   */
  async deleteObjects(bucket, keys, onProgress) {
    const failed = [];
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000);
      const body = '<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Quiet>true</Quiet>'
        + batch.map((k) => (typeof k === 'string' ? `<Object><Key>${escapeXml(k)}</Key></Object>`
          : `<Object><Key>${escapeXml(k.key)}</Key><VersionId>${escapeXml(k.versionId)}</VersionId></Object>`)).join('') + '</Delete>';
      const checksum = base64(await sha256Bytes(body));
      const root = await this.xml({ method: 'POST', bucket, query: { delete: '' }, body,
        headers: { 'content-type': 'application/xml', 'x-amz-checksum-sha256': checksum, 'x-amz-sdk-checksum-algorithm': 'SHA256' } });
      for (const e of all(root, 'Error')) failed.push({ key: text(e, 'Key'), code: text(e, 'Code') });
      if (onProgress) onProgress(Math.min(i + 1000, keys.length));
    }
    return failed;
  }

  async copyObject(bucket, sourceKey, targetKey, versionId, extraHeaders = {}) {
    let source = objectPath(bucket, sourceKey);
    if (versionId) source += '?versionId=' + uriEncode(versionId);
    const response = await this.request({ method: 'PUT', bucket, key: targetKey, headers: { ...extraHeaders, 'x-amz-copy-source': source } });
    // CopyObject may fail after its 200 status line: the error then arrives in the body.
    const body = await response.text();
    if (body.includes('<Error')) throw errorFrom(500, body, response.headers.get('x-amz-request-id'));
  }

  async getVersioning(bucket) {
    const root = await this.xml({ bucket, query: { versioning: '' } });
    return text(root, 'Status') || 'Off';
  }

  putVersioning(bucket, status) {
    const body = `<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>${status}</Status></VersioningConfiguration>`;
    return this.request({ method: 'PUT', bucket, query: { versioning: '' }, body });
  }

  /**
   * Every page of ListObjectVersions under `prefix`, following the key and version markers: each
   * an array of {key, versionId, latest, modified, size, deleteMarker}, in the server's order.
   */
  async *versionPages(bucket, prefix = '', signal) {
    let keyMarker = null;
    let versionMarker = null;
    do {
      const query = { versions: '', prefix, 'encoding-type': 'url' };
      if (keyMarker) query['key-marker'] = keyMarker;
      if (versionMarker) query['version-id-marker'] = versionMarker;
      const root = await this.xml({ bucket, query, signal });
      const encoded = text(root, 'EncodingType') === 'url';
      yield versionsOf(root, encoded);
      const truncated = text(root, 'IsTruncated') === 'true';
      keyMarker = truncated ? decodeKey(text(root, 'NextKeyMarker'), encoded) : null;
      versionMarker = truncated ? text(root, 'NextVersionIdMarker') : null;
    } while (keyMarker);
  }

  async listVersions(bucket, key) {
    const root = await this.xml({ bucket, query: { versions: '', prefix: key, 'encoding-type': 'url' } });
    return versionsOf(root, text(root, 'EncodingType') === 'url').filter((v) => v.key === key);
  }

  /** A presigned GET URL (absolute) valid for `expires` seconds; `query` adds response-* overrides. */
  async presign(bucket, key, expires, query = {}) {
    const path = objectPath(bucket, key);
    const qs = await presignQuery({ path, query, host: this.host, expires: Math.min(expires, MAX_PRESIGN_SECONDS), credentials: this.credentials, now: this.now() });
    return `${this.origin}${path}?${qs}`;
  }
}
