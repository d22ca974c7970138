// Uploads: small files in one PUT, large files by multipart in parallel parts. Each part is
// retried on its own; a part that keeps failing leaves the file "failed", and Retry sends only
// the parts still missing under the same upload id. Progress comes from XHR upload events.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html
import { describe, errorFrom } from './errors.js';
import { base64, sha256Bytes } from './sigv4.js';
import { escapeXml, parseXml, text } from './xml.js';

const MIB = 1024 * 1024;
export const MULTIPART_THRESHOLD = 16 * MIB;
const MIN_PART_SIZE = 8 * MIB;
const PARALLEL_PARTS = 4;
const PART_ATTEMPTS = 3;
const CHECKSUM_LIMIT = MULTIPART_THRESHOLD; // whole-file SHA-256 only where the file fits in memory

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

export class Upload {
  constructor(client, bucket, key, file, onChange) {
    Object.assign(this, { client, bucket, key, file, onChange });
    this.total = file.size;
    this.state = 'queued'; // queued | uploading | done | failed | cancelled
    this.error = null;
    this.parts = null;
    this.uploadId = null;
    this.samples = [];
    this.speed = 0;
  }

  get loaded() {
    if (this.state === 'done') return this.total;
    return this.parts ? this.parts.reduce((sum, p) => sum + (p.etag ? p.size : p.loaded), 0) : this.singleLoaded || 0;
  }

  get percent() {
    return this.total === 0 ? (this.state === 'done' ? 100 : 0) : Math.floor((this.loaded / this.total) * 100);
  }

  get contentType() {
    return this.file.type || 'application/octet-stream';
  }

  changed() {
    const now = performance.now();
    this.samples.push([now, this.loaded]);
    while (this.samples.length > 2 && now - this.samples[0][0] > 3000) this.samples.shift();
    const [t0, b0] = this.samples[0];
    if (now - t0 > 200) this.speed = ((this.loaded - b0) / (now - t0)) * 1000;
    this.onChange(this);
  }

  async start() {
    if (this.state === 'uploading' || this.state === 'done') return;
    this.state = 'uploading';
    this.error = null;
    this.controller = new AbortController();
    this.changed();
    try {
      if (this.total > MULTIPART_THRESHOLD && !this.singleOnly) await this.multipart();
      else await this.single();
      this.state = 'done';
    } catch (e) {
      if (this.state !== 'cancelled') {
        this.state = 'failed';
        this.error = e;
      }
    }
    this.changed();
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

  async multipart() {
    if (!this.uploadId) {
      try {
        const root = await this.client.xml({ method: 'POST', bucket: this.bucket, key: this.key, query: { uploads: '' },
          headers: { 'content-type': this.contentType, 'x-amz-checksum-algorithm': 'SHA256' }, signal: this.controller.signal });
        this.uploadId = text(root, 'UploadId');
      } catch (e) {
        if (e.code !== 'NotImplemented') throw e;
        this.singleOnly = true; // a server without multipart still takes the file in one PUT
        return this.single();
      }
      const partSize = Math.max(MIN_PART_SIZE, Math.ceil(this.total / 10000));
      this.parts = [];
      for (let start = 0, n = 1; start < this.total; start += partSize, n++) {
        this.parts.push({ number: n, start, size: Math.min(partSize, this.total - start), loaded: 0, etag: null });
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
      const error = new Error(`Part ${first.part.number} of ${this.parts.length} failed: ${describe(first.e)} Retry sends only the missing parts.`);
      error.cause = first.e;
      throw error;
    }
    await this.complete();
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

  cancel() {
    if (this.state === 'done' || this.state === 'cancelled') return;
    this.state = 'cancelled';
    if (this.controller) this.controller.abort();
    if (this.uploadId) {
      this.client.request({ method: 'DELETE', bucket: this.bucket, key: this.key, query: { uploadId: this.uploadId } }).catch(() => {});
      this.uploadId = null;
      this.parts = null;
    }
    this.changed();
  }
}

/** Runs uploads two files at a time, in the order they were added. */
export class UploadQueue {
  constructor(onChange, onFinished) {
    this.items = [];
    this.onChange = onChange;
    this.onFinished = onFinished;
    this.running = 0;
  }

  add(client, bucket, entries) {
    for (const { key, file } of entries) this.items.push(new Upload(client, bucket, key, file, (u) => this.onChange(u)));
    this.pump();
  }

  pump() {
    while (this.running < 2) {
      const next = this.items.find((u) => u.state === 'queued' && !u.picked);
      if (!next) break;
      next.picked = true;
      this.running++;
      next.start().finally(() => {
        this.running--;
        next.picked = false;
        if (next.state === 'done') this.onFinished(next);
        this.pump();
      });
    }
  }

  retry(upload) {
    upload.state = 'queued';
    this.onChange(upload);
    this.pump();
  }

  clearFinished() {
    this.items = this.items.filter((u) => u.state !== 'done' && u.state !== 'cancelled');
  }
}
