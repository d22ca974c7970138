// AWS Signature Version 4 for S3, in the browser: canonical request, string to sign, the HMAC
// key chain, the Authorization header and presigned query URLs.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-authenticating-requests.html
// Uses WebCrypto where the page is a secure context, and sha256.js where it is not.
import { sha256, hmacSha256 } from './sha256.js';

const encoder = new TextEncoder();
const subtle = globalThis.crypto && globalThis.crypto.subtle;
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const toBytes = (data) => (typeof data === 'string' ? encoder.encode(data) : new Uint8Array(data));
export const hex = (bytes) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
export const fromHex = (text) => new Uint8Array(text.match(/../g).map((h) => parseInt(h, 16)));
export const base64 = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)));

export async function sha256Bytes(data) {
  const bytes = toBytes(data);
  return subtle ? new Uint8Array(await subtle.digest('SHA-256', bytes)) : sha256(bytes);
}

export async function sha256Hex(data) {
  return hex(await sha256Bytes(data));
}

export async function hmac(key, message) {
  const msg = toBytes(message);
  if (!subtle) return hmacSha256(new Uint8Array(key), msg);
  const k = await subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await subtle.sign('HMAC', k, msg));
}

/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), "s3"), "aws4_request"). */
export async function deriveSigningKey(secretKey, dateStamp, region, service = 's3') {
  let key = await hmac(encoder.encode('AWS4' + secretKey), dateStamp);
  key = await hmac(key, region);
  key = await hmac(key, service);
  return hmac(key, 'aws4_request');
}

/** RFC 3986 encoding as SigV4 wants it; '/' is kept when encodeSlash is false (object keys). */
export function uriEncode(text, encodeSlash = true) {
  let out = '';
  for (const byte of encoder.encode(text)) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-._~]/.test(c) || (c === '/' && !encodeSlash)) out += c;
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

export function amzDates(date) {
  const amzDate = date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return { amzDate, dateStamp: amzDate.slice(0, 8) };
}

/** The canonical query string: pairs sorted by encoded name, then value. */
export function canonicalQuery(query) {
  return Object.entries(query)
    .map(([k, v]) => [uriEncode(k), uriEncode(v == null ? '' : String(v))])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function canonicalRequest(method, path, query, headers, payloadHash) {
  const names = Object.keys(headers).map((h) => h.toLowerCase()).sort();
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const canonicalHeaders = names.map((n) => `${n}:${String(lower[n]).trim().replace(/\s+/g, ' ')}\n`).join('');
  const signedHeaders = names.join(';');
  const text = [method, path, canonicalQuery(query), canonicalHeaders, signedHeaders, payloadHash].join('\n');
  return { text, signedHeaders };
}

async function signature(signingKey, amzDate, scope, canonical) {
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, await sha256Hex(canonical)].join('\n');
  return hex(await hmac(signingKey, stringToSign));
}

/**
 * Signs a request for the Authorization header. `path` is the encoded path as sent; `headers`
 * are the headers to sign besides host, x-amz-date and x-amz-content-sha256, which are added.
 * Returns the headers to send (without host, which the browser sets itself). `service` is s3, or
 * iam for the IAM API the admin console calls.
 */
export async function signHeaders({ method, path, query = {}, headers = {}, payloadHash = UNSIGNED_PAYLOAD, host, credentials, now, service = 's3' }) {
  const { amzDate, dateStamp } = amzDates(now);
  const scope = `${dateStamp}/${credentials.region}/${service}/aws4_request`;
  const signed = { ...headers, host, 'x-amz-date': amzDate, 'x-amz-content-sha256': payloadHash };
  const { text, signedHeaders } = canonicalRequest(method, path, query, signed, payloadHash);
  const sig = await signature(await credentials.signingKey(dateStamp, service), amzDate, scope, text);
  const out = { ...headers, 'x-amz-date': amzDate, 'x-amz-content-sha256': payloadHash };
  out.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKey}/${scope}, SignedHeaders=${signedHeaders}, Signature=${sig}`;
  return out;
}

/** A presigned URL's query string (without '?'): X-Amz-* parameters plus the given ones. */
export async function presignQuery({ method = 'GET', path, query = {}, host, expires, credentials, now }) {
  const { amzDate, dateStamp } = amzDates(now);
  const scope = `${dateStamp}/${credentials.region}/s3/aws4_request`;
  const q = {
    ...query,
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `${credentials.accessKey}/${scope}`,
    'X-Amz-Date': amzDate,
    'X-Amz-Expires': String(expires),
    'X-Amz-SignedHeaders': 'host',
  };
  const { text } = canonicalRequest(method, path, q, { host }, UNSIGNED_PAYLOAD);
  q['X-Amz-Signature'] = await signature(await credentials.signingKey(dateStamp), amzDate, scope, text);
  return canonicalQuery(q);
}
