// Thumbnails for the grid, made in the browser: only images up to MAX_BYTES are read (one ranged
// GET of at most that many bytes), drawn down to SIZE px on a canvas and kept as small WebP/JPEG
// blobs, in memory and in the Cache API (keyed by bucket, key and ETag, so a changed image gets
// a new one). A few at a time, and only for tiles in view.
import { kindOf } from './icons.js';

export const MAX_BYTES = 4 * 1024 * 1024;
const SIZE = 320; // px of the longer side (tiles are ~160 CSS px: sharp at 2× density)
const PARALLEL = 3;
const CACHE = 'coffer-thumbnails-v1';
const DRAWABLE = /\.(png|jpe?g|gif|webp|avif|bmp)$/i;

const memory = new Map(); // cache key -> Promise<object URL | null>
let running = 0;
const waiting = [];

async function slot(fn) {
  if (running >= PARALLEL) await new Promise((r) => waiting.push(r));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    if (waiting.length) waiting.shift()();
  }
}

const openCache = () => (typeof caches !== 'undefined' ? caches.open(CACHE).catch(() => null) : Promise.resolve(null));

async function make(client, bucket, entry, cacheUrl) {
  const cache = await openCache();
  const hit = cache && (await cache.match(cacheUrl));
  if (hit) return URL.createObjectURL(await hit.blob());
  return slot(async () => {
    const response = await client.request({ bucket, key: entry.key, headers: { range: `bytes=0-${MAX_BYTES - 1}` } });
    const bitmap = await createImageBitmap(await response.blob());
    const scale = Math.min(1, SIZE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise((r) => canvas.toBlob(r, 'image/webp', 0.8));
    if (!blob) return null;
    if (cache) await cache.put(cacheUrl, new Response(blob, { headers: { 'content-type': blob.type } })).catch(() => {});
    return URL.createObjectURL(blob);
  });
}

/** A thumbnail's object URL for a small image, or null (not an image, too large, unreadable). */
export function thumbnail(client, bucket, entry) {
  if (kindOf(entry.key) !== 'image' || !DRAWABLE.test(entry.key) || !(entry.size > 0) || entry.size > MAX_BYTES) return Promise.resolve(null);
  const cacheUrl = `${location.origin}/thumbnails/${encodeURIComponent(bucket)}/${encodeURIComponent(entry.key)}?etag=${encodeURIComponent(entry.etag || entry.modified || '')}`;
  if (!memory.has(cacheUrl)) {
    memory.set(cacheUrl, make(client, bucket, entry, cacheUrl).catch((e) => {
      memory.delete(cacheUrl);
      console.warn('thumbnail', entry.key, e);
      return null;
    }));
  }
  return memory.get(cacheUrl);
}
