// The signed-in identity. The secret key is used once, at sign-in, to derive the SigV4 signing
// keys for yesterday, today and tomorrow (UTC) and is then dropped: neither memory nor storage
// keeps it. The derived keys (each valid for one date, region and the s3 service only) live in
// sessionStorage so that a reload keeps the session; closing the tab or signing out ends it. Keys
// for the service iam are derived beside them, for the admin console's calls to the IAM API.
import { amzDates, deriveSigningKey, fromHex, hex } from './sigv4.js';

const STORE_KEY = 'coffer.drive.session';
const OPENED_KEY = 'coffer.drive.opened-buckets'; // buckets listed in this session, for a key that may not ListBuckets
const DAY_MS = 24 * 60 * 60 * 1000;

export class SessionExpired extends Error {
  constructor() {
    super('Your session has expired. Sign in again to go on.');
    this.code = 'SessionExpired';
  }
}

export class Credentials {
  constructor(accessKey, region, keys, iamKeys = {}) {
    this.accessKey = accessKey;
    this.region = region;
    this.keys = keys; // dateStamp -> hex signing key
    this.iamKeys = iamKeys; // the same for the IAM API (service iam), which the admin console calls
  }

  async signingKey(dateStamp, service = 's3') {
    const key = (service === 'iam' ? this.iamKeys : this.keys)[dateStamp];
    if (!key) throw new SessionExpired();
    return fromHex(key);
  }

  static async derive(accessKey, secretKey, region, now = new Date()) {
    const keys = {};
    const iamKeys = {};
    for (const offset of [-1, 0, 1]) {
      const { dateStamp } = amzDates(new Date(now.getTime() + offset * DAY_MS));
      keys[dateStamp] = hex(await deriveSigningKey(secretKey, dateStamp, region));
      iamKeys[dateStamp] = hex(await deriveSigningKey(secretKey, dateStamp, region, 'iam'));
    }
    return new Credentials(accessKey, region, keys, iamKeys);
  }
}

export function save(credentials) {
  const { accessKey, region, keys, iamKeys } = credentials;
  sessionStorage.setItem(STORE_KEY, JSON.stringify({ accessKey, region, keys, iamKeys }));
}

export function restore() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORE_KEY) || 'null');
    return saved && saved.accessKey ? new Credentials(saved.accessKey, saved.region, saved.keys, saved.iamKeys || {}) : null;
  } catch {
    return null;
  }
}

export function clear() {
  sessionStorage.removeItem(STORE_KEY);
  sessionStorage.removeItem(OPENED_KEY);
}

/** The buckets this session has listed, in the order first listed. */
export function openedBuckets() {
  try {
    const names = JSON.parse(sessionStorage.getItem(OPENED_KEY) || '[]');
    return Array.isArray(names) ? names : [];
  } catch {
    return [];
  }
}

export function rememberOpened(bucket) {
  const names = openedBuckets();
  if (!names.includes(bucket)) sessionStorage.setItem(OPENED_KEY, JSON.stringify([...names, bucket]));
}
