// Uploads: small files in one PUT, large files by multipart in parallel parts. Each part is
// retried on its own; a part that keeps failing leaves the file "failed", and Retry sends only
// the parts still missing under the same upload id. Progress comes from XHR upload events.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html
//
// Nothing is lost to a reload, a closed tab or a dropped network: a multipart upload's id, part
// plan and parts done are kept in IndexedDB (resume-store.js) and a later page goes on from the
// parts the server lists (ListParts). When requests fail because the server cannot be reached,
// the upload waits ("waiting") and tries again by itself, with exponential backoff and at once
// on the browser's "online" event, until the server answers.
import { describe, errorFrom, mayPassOnRetry } from './errors.js';
import { base64, sha256Bytes } from './sigv4.js';
import { escapeXml, kids, parseXml, text } from './xml.js';
import * as store from './resume-store.js';

const MIB = 1024 * 1024;
export const MULTIPART_THRESHOLD = 16 * MIB;
const MIN_PART_SIZE = 8 * MIB;
const PARALLEL_PARTS = 4;
const PART_ATTEMPTS = 3;
const CHECKSUM_LIMIT = MULTIPART_THRESHOLD; // whole-file SHA-256 only where the file fits in memory
const BACKOFF_FIRST_MS = 1000;
const BACKOFF_MAX_MS = 15000;

function xhrSend({ method, url, headers, body, onProgress, signal }) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => onProgress && onProgress(e.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(xhr);
      else reject(errorFrom(xhr.status, xhr.responseText, xhr.getResponseHeader('x-amz-request-id')));
    };
    xhr.onerror = () => reject(new TypeError('network error'));
    xhr.onabort = () => reject(new DOMException('cancelled', 'AbortError'));
    if (signal) signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

/** A failure that may go away by itself: the server unreachable, or answering 5xx. */
const transient = (e) => e instanceof TypeError || (e && e.status >= 500) || (e && e.cause && transient(e.cause));

/** Waits `ms`, less when the browser says it is online again or the signal aborts; resolves to why it ended. */
function pause(ms, signal) {
  return new Promise((resolve) => {
    const done = (why) => {
      clearTimeout(timer);
      window.removeEventListener('online', online);
      resolve(why);
    };
    const online = () => done('online');
    const timer = setTimeout(() => done('timeout'), ms);
    window.addEventListener('online', online);
    if (signal) signal.addEventListener('abort', () => done('abort'), { once: true });
  });
}

/** Parts of at least 8 MiB, and no more than S3's 10,000 of them. */
const partSizeFor = (total) => Math.max(MIN_PART_SIZE, Math.ceil(total / 10000));

const hashHex = async (blob) => Array.from(await sha256Bytes(await blob.arrayBuffer()), (b) => b.toString(16).padStart(2, '0')).join('');

export class Upload {
  /** entry: {key, file, handle?, replaces?}; record: a stored upload to go on with (file may be missing). */
  constructor(client, bucket, entry, onChange, record = null) {
    Object.assign(this, { client, bucket, key: entry.key, file: entry.file || null, handle: entry.handle || null, replaces: entry.replaces || null, onChange,
      group: entry.group || null }); // group: the folder upload it belongs to (upload-group.js)
    this.total = entry.file ? entry.file.size : record.size;
    this.state = 'queued'; // queued | uploading | waiting | needs-file | done | failed | cancelled
    this.error = null;
    this.parts = null;
    this.uploadId = null;
    this.samples = [];
    this.speed = 0;
    if (record) {
      Object.assign(this, { record, uploadId: record.uploadId, parts: record.parts.map((p) => ({ ...p, loaded: 0 })), resumed: true, replaces: record.replaces });
      if (!this.file) this.state = 'needs-file';
    }
  }

  get loaded() {
    if (this.state === 'done') return this.total;
    return this.parts ? this.parts.reduce((sum, p) => sum + (p.etag ? p.size : p.loaded), 0) : this.singleLoaded || 0;
  }

  get percent() {
    return this.total === 0 ? (this.state === 'done' ? 100 : 0) : Math.floor((this.loaded / this.total) * 100);
  }

  /** The bytes it holds in memory at most while it runs: the whole file for one PUT (its SHA-256 is read from it), else its parts in flight. */
  get memory() {
    if (this.total <= MULTIPART_THRESHOLD || this.singleOnly) return this.total;
    return PARALLEL_PARTS * (this.record ? this.record.partSize : partSizeFor(this.total));
  }

  get contentType() {
    return this.file.type || 'application/octet-stream';
  }

  get active() {
    return ['queued', 'uploading', 'waiting'].includes(this.state) && !!this.file;
  }

  changed() {
    const now = performance.now();
    this.samples.push([now, this.loaded]);
    while (this.samples.length > 2 && now - this.samples[0][0] > 3000) this.samples.shift();
    const [t0, b0] = this.samples[0];
    if (now - t0 > 200) this.speed = ((this.loaded - b0) / (now - t0)) * 1000;
    this.onChange(this);
  }

  /**
   * Gives a resumed upload its file back (from a stored handle, or picked again). Resolves to
   * null when it is the same file (name, size, last change and the first part's SHA-256), else
   * to a sentence saying what differs.
   */
  async provide(file) {
    const r = this.record;
    if (file.name !== r.name || file.size !== r.size || file.lastModified !== r.lastModified) {
      return `“${file.name}” is not the file this upload started with (that was “${r.name}”, ${r.size} bytes, changed ${new Date(r.lastModified).toLocaleString()}).`;
    }
    if (await hashHex(file.slice(0, r.partSize)) !== r.firstPartHash) return `“${file.name}” has changed since the upload started: its first bytes differ.`;
    this.file = file;
    this.state = 'queued';
    this.changed();
    return null;
  }

  async start() {
    if (['uploading', 'waiting', 'done', 'needs-file'].includes(this.state)) return;
    this.state = 'uploading';
    this.error = null;
    this.controller = new AbortController();
    this.changed();
    for (;;) {
      try {
        if (this.total > MULTIPART_THRESHOLD && !this.singleOnly) await this.multipart();
        else await this.single();
        await this.dropReplaced();
        this.state = 'done';
        break;
      } catch (e) {
        if (this.state === 'cancelled') break;
        if (!transient(e) || (await this.serverAnswers())) {
          this.state = 'failed';
          this.error = e;
          break;
        }
        this.error = e;
        if (!(await this.waitForServer())) break;
        this.state = 'uploading';
        this.needsSync = true;
        this.changed();
      }
    }
    this.changed();
  }

  /** Polls until the server answers, waiting 1 s, 2 s, 4 s … 15 s (less on "online"); false when cancelled. */
  async waitForServer() {
    this.state = 'waiting';
    for (let wait = BACKOFF_FIRST_MS; ; wait = Math.min(wait * 2, BACKOFF_MAX_MS)) {
      this.retryAt = Date.now() + wait;
      this.changed();
      while (Date.now() < this.retryAt) { // a second at a time, so that the panel counts down
        const why = await pause(Math.min(1000, this.retryAt - Date.now()), this.controller.signal);
        this.changed();
        if (why !== 'timeout') break;
      }
      if (this.state === 'cancelled') return false;
      if (await this.serverAnswers()) return true;
    }
  }

  /** True when the server gives any HTTP answer (even a refusal): it is back. */
  async serverAnswers() {
    if (!navigator.onLine) return false;
    try {
      await this.client.request({ method: 'HEAD', bucket: this.bucket });
      return true;
    } catch (e) {
      return !(e instanceof TypeError) && !(e.status >= 500);
    }
  }

  /** "Replace" on a versioned bucket: the version that was current goes once the new one is in. */
  async dropReplaced() {
    if (!this.replaces) return;
    try {
      await this.client.request({ method: 'DELETE', bucket: this.bucket, key: this.key, query: { versionId: this.replaces } });
    } catch (e) {
      if (transient(e)) throw e;
      this.warning = `Uploaded, but the old version was kept: ${describe(e)}`;
    }
    this.replaces = null;
  }

  async single() {
    const extra = { 'content-type': this.contentType };
    if (this.total <= CHECKSUM_LIMIT) {
      // The server checks this before it commits, and keeps it: details show it later.
      extra['x-amz-checksum-sha256'] = base64(await sha256Bytes(await this.file.arrayBuffer()));
    }
    const { url, headers } = await this.client.sign({ method: 'PUT', bucket: this.bucket, key: this.key, headers: extra });
    this.singleLoaded = 0;
    await xhrSend({ method: 'PUT', url, headers, body: this.file, signal: this.controller.signal,
      onProgress: (n) => { this.singleLoaded = n; this.changed(); } });
  }

  async create() {
    try {
      const root = await this.client.xml({ method: 'POST', bucket: this.bucket, key: this.key, query: { uploads: '' },
        headers: { 'content-type': this.contentType, 'x-amz-checksum-algorithm': 'SHA256' }, signal: this.controller.signal });
      this.uploadId = text(root, 'UploadId');
    } catch (e) {
      if (e.code !== 'NotImplemented') throw e;
      this.singleOnly = true; // a server without multipart still takes the file in one PUT
      return false;
    }
    const partSize = partSizeFor(this.total);
    this.parts = [];
    for (let start = 0, n = 1; start < this.total; start += partSize, n++) {
      this.parts.push({ number: n, start, size: Math.min(partSize, this.total - start), loaded: 0, etag: null });
    }
    const f = this.file;
    this.record = { id: store.recordId(this.client.origin, this.bucket, this.key, this.uploadId), origin: this.client.origin,
      accessKey: this.client.credentials.accessKey, bucket: this.bucket, key: this.key, uploadId: this.uploadId, name: f.name, size: f.size,
      lastModified: f.lastModified, type: f.type, partSize, firstPartHash: await hashHex(f.slice(0, partSize)), handle: this.handle,
      replaces: this.replaces, started: new Date().toISOString(), group: this.group && { prefix: this.group.prefix, id: this.group.id } };
    await this.persist();
    return true;
  }

  persist() {
    if (!this.record) return Promise.resolve();
    this.record.parts = this.parts.map(({ number, start, size, etag, checksum }) => ({ number, start, size, etag, checksum }));
    return store.put(this.record).catch((e) => console.warn('upload state not kept', e));
  }

  /** The parts the server holds (ListParts, every page): ours are marked done, any other part is sent again. */
  async syncParts() {
    const held = new Map();
    let marker = null;
    do {
      const query = { uploadId: this.uploadId };
      if (marker) query['part-number-marker'] = marker;
      const root = await this.client.xml({ bucket: this.bucket, key: this.key, query, signal: this.controller.signal });
      for (const p of kids(root, 'Part')) held.set(Number(text(p, 'PartNumber')), { etag: text(p, 'ETag'), size: Number(text(p, 'Size')), checksum: text(p, 'ChecksumSHA256') });
      marker = text(root, 'IsTruncated') === 'true' ? text(root, 'NextPartNumberMarker') : null;
    } while (marker);
    for (const part of this.parts) {
      const h = held.get(part.number);
      const same = h && h.size === part.size && (!part.checksum || !h.checksum || h.checksum === part.checksum);
      part.etag = same ? h.etag : null;
      if (same && !part.checksum) part.checksum = h.checksum;
      part.loaded = 0;
    }
    this.needsSync = false;
    this.changed();
    await this.persist();
  }

  async multipart() {
    if (!this.uploadId && !(await this.create())) return this.single();
    if (this.resumed || this.needsSync) {
      this.resumed = false;
      try {
        await this.syncParts();
      } catch (e) {
        if (e.code !== 'NoSuchUpload') throw e;
        await store.remove(this.record.id); // aborted or expired meanwhile: start it again
        this.uploadId = null;
        if (!(await this.create())) return this.single();
      }
    }
    const pending = this.parts.filter((p) => !p.etag);
    const failures = [];
    const worker = async () => {
      for (let part = pending.shift(); part; part = pending.shift()) {
        try {
          await this.sendPart(part);
        } catch (e) {
          if (e.name === 'AbortError') throw e;
          failures.push({ part, e });
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_PARTS }, worker));
    if (failures.length) {
      const first = failures.sort((a, b) => a.part.number - b.part.number)[0];
      const error = new Error(`Part ${first.part.number} of ${this.parts.length} failed: ${describe(first.e)}${mayPassOnRetry(first.e) ? ' Retry sends only the missing parts.' : ''}`);
      error.cause = first.e;
      throw error;
    }
    await this.complete();
    await store.remove(this.record.id);
  }

  async sendPart(part) {
    for (let attempt = 1; ; attempt++) {
      part.loaded = 0;
      try {
        const query = { partNumber: String(part.number), uploadId: this.uploadId };
        const body = this.file.slice(part.start, part.start + part.size);
        part.checksum = base64(await sha256Bytes(await body.arrayBuffer()));
        const { url, headers } = await this.client.sign({ method: 'PUT', bucket: this.bucket, key: this.key, query,
          headers: { 'x-amz-checksum-sha256': part.checksum } });
        const xhr = await xhrSend({ method: 'PUT', url, headers, body,
          signal: this.controller.signal, onProgress: (n) => { part.loaded = n; this.changed(); } });
        part.etag = xhr.getResponseHeader('ETag');
        this.changed();
        await this.persist();
        return;
      } catch (e) {
        if (e.name === 'AbortError' || attempt >= PART_ATTEMPTS) throw e;
        await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
      }
    }
  }

  async complete() {
    const body = '<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
      + this.parts.map((p) => `<Part><PartNumber>${p.number}</PartNumber><ETag>${escapeXml(p.etag)}</ETag><ChecksumSHA256>${p.checksum}</ChecksumSHA256></Part>`).join('')
      + '</CompleteMultipartUpload>';
    const response = await this.client.request({ method: 'POST', bucket: this.bucket, key: this.key, query: { uploadId: this.uploadId },
      body, headers: { 'content-type': 'application/xml' }, signal: this.controller.signal });
    const reply = await response.text(); // Complete may fail after its 200 status line
    if (reply.includes('<Error')) throw errorFrom(500, reply, null);
    parseXml(reply);
  }

  /** Stops the upload; resolves once the server has dropped its parts (AbortMultipartUpload), if it had any. */
  cancel() {
    if (this.state === 'done' || this.state === 'cancelled') return Promise.resolve();
    this.state = 'cancelled';
    if (this.controller) this.controller.abort();
    let aborted = Promise.resolve();
    if (this.uploadId) {
      aborted = this.client.request({ method: 'DELETE', bucket: this.bucket, key: this.key, query: { uploadId: this.uploadId } }).catch(() => {});
      if (this.record) store.remove(this.record.id);
      this.uploadId = null;
      this.parts = null;
      this.record = null;
    }
    this.changed();
    return aborted;
  }
}
