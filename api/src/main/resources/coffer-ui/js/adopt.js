// Resuming a multipart upload this browser has no record of (started in another browser, or its
// IndexedDB cleared): the file chosen must match what the server already holds — every part but
// the last of one size, the file long enough for them, and each held part's SHA-256 (which the
// drive sends with every part, and ListParts returns) equal to the same bytes of the file.
import { base64, sha256Bytes } from './sigv4.js';
import { kids, text } from './xml.js';
import { recordId } from './resume-store.js';

async function heldParts(client, bucket, key, uploadId) {
  const parts = [];
  let marker = null;
  do {
    const query = { uploadId };
    if (marker) query['part-number-marker'] = marker;
    const root = await client.xml({ bucket, key, query });
    for (const p of kids(root, 'Part')) {
      parts.push({ number: Number(text(p, 'PartNumber')), size: Number(text(p, 'Size')), etag: text(p, 'ETag'), checksum: text(p, 'ChecksumSHA256') });
    }
    marker = text(root, 'IsTruncated') === 'true' ? text(root, 'NextPartNumberMarker') : null;
  } while (marker);
  return parts;
}

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * A resume record for `upload` ({key, uploadId, initiated}) with `file`, or a sentence saying why
 * the file cannot be the one the upload was started with.
 */
export async function adoptionRecord(client, bucket, upload, file, onProgress) {
  const held = await heldParts(client, bucket, upload.key, upload.uploadId);
  const first = held.find((p) => p.number === 1);
  if (!first || !first.checksum) return 'This upload has no first part with a SHA-256 to check a file against: it can only be aborted.';
  const partSize = first.size;
  const count = Math.ceil(file.size / partSize);
  if (count > 1 && partSize < 5 * 1024 * 1024) return `“${file.name}” is larger than this upload's first part says it can be.`;
  for (const p of held) {
    const expected = p.number < count ? partSize : file.size - (count - 1) * partSize;
    if (p.number > count || p.size !== expected) return `“${file.name}” does not fit this upload: part ${p.number} holds ${p.size} bytes.`;
    if (!p.checksum) return `Part ${p.number} of this upload has no SHA-256 to check “${file.name}” against.`;
  }
  for (const [i, p] of held.entries()) {
    if (onProgress) onProgress(i + 1, held.length);
    const start = (p.number - 1) * partSize;
    if (base64(await sha256Bytes(await file.slice(start, start + p.size).arrayBuffer())) !== p.checksum) {
      return `“${file.name}” is not the file this upload started with: part ${p.number} differs.`;
    }
  }
  const byNumber = new Map(held.map((p) => [p.number, p]));
  const parts = [];
  for (let n = 1; n <= count; n++) {
    const h = byNumber.get(n);
    const start = (n - 1) * partSize;
    parts.push({ number: n, start, size: Math.min(partSize, file.size - start), etag: h ? h.etag : null, checksum: h ? h.checksum : null });
  }
  return {
    id: recordId(client.origin, bucket, upload.key, upload.uploadId), origin: client.origin, accessKey: client.credentials.accessKey,
    bucket, key: upload.key, uploadId: upload.uploadId, name: file.name, size: file.size, lastModified: file.lastModified, type: file.type,
    partSize, firstPartHash: hex(await sha256Bytes(await file.slice(0, partSize).arrayBuffer())), handle: null, replaces: null,
    started: upload.initiated, parts,
  };
}
