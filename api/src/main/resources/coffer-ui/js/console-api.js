// What the admin console calls, all signed in this browser with the signed-in key: the IAM query
// API (POST / signed for the service iam, as `aws iam --endpoint-url` sends it), the bucket
// sub-resources of the S3 API (?versioning, ?lifecycle, …), and Coffer's root-only JSON endpoints
// /_coffer/admin/accounts and /_coffer/admin/overview. Every refusal keeps the server's own code
// and message: the console shows them as they are and never guesses what a key may do.
import { base64, canonicalQuery, sha256Bytes, sha256Hex, signHeaders, UNSIGNED_PAYLOAD } from './sigv4.js';
import { S3Error } from './errors.js';
import { all, parseXml } from './xml.js';

const IAM_VERSION = '2010-05-08';

/** A refusal of the IAM API or of an admin endpoint: its code and the server's message. */
export class ServiceError extends Error {
  constructor(code, message, status) {
    super(message || code || `HTTP ${status}`);
    this.code = code;
    this.status = status;
    this.serverMessage = message;
  }
}

/** One line for a failure, with the server's code and words: "AccessDenied: User: … is not authorized …". */
export function explain(error) {
  if (error instanceof ServiceError || error instanceof S3Error) {
    const words = error.serverMessage || error.message;
    return error.code ? `${error.code}: ${words}` : words;
  }
  if (error instanceof TypeError) return 'The server cannot be reached. Check the connection and try again.';
  return error.message || String(error);
}

export const isDenied = (error) => error && (error.code === 'AccessDenied' || error.status === 403);

/** First descendant's text by local name. */
export const first = (node, name) => {
  const found = all(node, name)[0];
  return found ? found.textContent : null;
};

/** The <member> children of the first element named `name`, each as {field: text} of its children. */
export function members(root, name) {
  const list = all(root, name)[0];
  if (!list) return [];
  return Array.from(list.children).filter((c) => c.localName === 'member')
    .map((m) => Object.fromEntries(Array.from(m.children).map((c) => [c.localName, c.textContent])));
}

export class ConsoleApi {
  constructor(client) {
    this.client = client;
  }

  /** Calls an IAM action; resolves to the response's document element. */
  async iam(action, params = {}) {
    const form = new URLSearchParams({ Action: action, Version: IAM_VERSION, ...params }).toString().replace(/\+/g, '%20');
    const headers = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
    const signed = await signHeaders({ method: 'POST', path: '/', headers, payloadHash: await sha256Hex(form),
      host: this.client.host, credentials: this.client.credentials, now: this.client.now(), service: 'iam' });
    const response = await fetch(this.client.origin + '/', { method: 'POST', headers: signed, body: form,
      cache: 'no-store', credentials: 'omit', redirect: 'error' });
    const text = await response.text();
    if (!response.ok) {
      let code = null;
      let message = null;
      try {
        const root = parseXml(text).documentElement;
        code = first(root, 'Code');
        message = first(root, 'Message');
      } catch {
        // not XML: the status says it
      }
      throw new ServiceError(code || (response.status === 403 ? 'AccessDenied' : null), message, response.status);
    }
    return parseXml(text).documentElement;
  }

  /** Every page of a paginated IAM list action (Marker / IsTruncated). */
  async iamAll(action, listName, params = {}) {
    const out = [];
    let marker = null;
    do {
      const root = await this.iam(action, marker ? { ...params, Marker: marker } : params);
      out.push(...members(root, listName));
      marker = first(root, 'IsTruncated') === 'true' ? first(root, 'Marker') : null;
    } while (marker);
    return out;
  }

  /** A root-only Coffer endpoint answering JSON (/_coffer/admin/…); resolves to the parsed body or null (204). */
  async admin(method, path, query = {}) {
    const signed = await signHeaders({ method, path, query, payloadHash: UNSIGNED_PAYLOAD, host: this.client.host,
      credentials: this.client.credentials, now: this.client.now() });
    const qs = canonicalQuery(query);
    const response = await fetch(this.client.origin + path + (qs ? '?' + qs : ''), { method, headers: signed,
      cache: 'no-store', credentials: 'omit', redirect: 'error' });
    const text = await response.text();
    let body = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    if (!response.ok) {
      throw new ServiceError(body && body.error ? body.error : response.status === 403 ? 'AccessDenied' : null,
        body && body.message ? body.message : null, response.status);
    }
    return body;
  }

  /** A bucket sub-resource's document (XML, or JSON for ?policy); null when S3 says none is set. */
  async getBucketConfig(bucket, sub) {
    try {
      const response = await this.client.request({ bucket, query: { [sub]: '' } });
      return await response.text();
    } catch (e) {
      if (e instanceof S3Error && e.status === 404 && e.code !== 'NoSuchBucket') return null;
      throw e;
    }
  }

  /** Puts a sub-resource's document with its SHA-256 checksum (S3 asks for an integrity check on most). */
  async putBucketConfig(bucket, sub, body, extraHeaders = {}) {
    const checksum = base64(await sha256Bytes(body));
    const type = sub === 'policy' ? 'application/json' : 'application/xml';
    await this.client.request({ method: 'PUT', bucket, query: { [sub]: '' }, body,
      headers: { 'content-type': type, 'x-amz-checksum-sha256': checksum, 'x-amz-sdk-checksum-algorithm': 'SHA256', ...extraHeaders } });
  }

  deleteBucketConfig(bucket, sub) {
    return this.client.request({ method: 'DELETE', bucket, query: { [sub]: '' } });
  }
}

