// Reads a zip file's entries, independently of the library that wrote it: the end of central
// directory (Zip64 too), each central-directory record, its local header and its data. Stored
// (method 0) and deflated (method 8) entries; each entry's CRC-32 is checked.
import { createHash } from 'node:crypto';
import { crc32, inflateRawSync } from 'node:zlib';

function zip64Extra(extra, fields) {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      const out = {};
      let p = at + 4;
      for (const name of fields) {
        out[name] = Number(extra.readBigUInt64LE(p));
        p += 8;
      }
      return out;
    }
    at += 4 + size;
  }
  return {};
}

/** [{ name, data (Buffer), directory }] in the central directory's order. */
export function readZip(buffer) {
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 65557); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('no end of central directory: not a zip');
  let count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  if (offset === 0xffffffff || count === 0xffff) {
    const locator = eocd - 20;
    if (buffer.readUInt32LE(locator) !== 0x07064b50) throw new Error('Zip64 sizes without a Zip64 locator');
    const record = Number(buffer.readBigUInt64LE(locator + 8));
    count = Number(buffer.readBigUInt64LE(record + 32));
    offset = Number(buffer.readBigUInt64LE(record + 48));
  }
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buffer.readUInt32LE(offset) !== 0x02014b50) throw new Error(`central directory record ${n} is missing`);
    const method = buffer.readUInt16LE(offset + 10);
    const crc = buffer.readUInt32LE(offset + 16);
    let compressed = buffer.readUInt32LE(offset + 20);
    let size = buffer.readUInt32LE(offset + 24);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    let local = buffer.readUInt32LE(offset + 42);
    const name = buffer.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    const wide = [];
    if (size === 0xffffffff) wide.push('size');
    if (compressed === 0xffffffff) wide.push('compressed');
    if (local === 0xffffffff) wide.push('local');
    if (wide.length) {
      const z = zip64Extra(buffer.subarray(offset + 46 + nameLength, offset + 46 + nameLength + extraLength), wide);
      size = z.size ?? size;
      compressed = z.compressed ?? compressed;
      local = z.local ?? local;
    }
    if (buffer.readUInt32LE(local) !== 0x04034b50) throw new Error(`local header of ${name} is missing`);
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const raw = buffer.subarray(start, start + compressed);
    const data = method === 0 ? raw : method === 8 ? inflateRawSync(raw) : null;
    if (!data) throw new Error(`${name}: compression method ${method} not read here`);
    if (data.length !== size) throw new Error(`${name}: ${data.length} bytes, the directory says ${size}`);
    if ((crc32(data) >>> 0) !== crc) throw new Error(`${name}: CRC-32 does not match`);
    entries.push({ name, data: Buffer.from(data), directory: name.endsWith('/') });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Reads `buffer` as a zip and checks that its files are exactly `expected`'s names, each with the
 * SHA-256 (hex) given there; returns every entry, folders included.
 */
export function readZipExpecting(buffer, expected) {
  const entries = readZip(buffer);
  const files = entries.filter((e) => !e.directory);
  const names = files.map((e) => e.name).sort();
  if (JSON.stringify(names) !== JSON.stringify(Object.keys(expected).sort())) throw new Error(`zip entries ${names}`);
  for (const entry of files) {
    const sha = createHash('sha256').update(entry.data).digest('hex');
    if (sha !== expected[entry.name]) throw new Error(`${entry.name} in the zip does not have the bytes that were dropped`);
  }
  return entries;
}
