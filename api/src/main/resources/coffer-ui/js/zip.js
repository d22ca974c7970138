// Several files or folders as one zip, made in the browser: each object is fetched in turn
// (a signed GET) and streamed into client-zip (vendor/client-zip.js, MIT; stored entries, Zip64
// past 4 GiB), whose output goes straight to a file chosen with the File System Access API where
// the browser has it (nothing held in memory), else into a Blob that is then downloaded.
import { h } from './dom.js';
import { downloadZip } from './vendor/client-zip.js';
import { baseName, formatSize, parentPrefix } from './format.js';
import { toast } from './dialogs.js';

/** The objects to put in the zip, each with its name inside it (relative to where it was chosen). */
async function collect(ctx, bucket, entries) {
  const items = [];
  const taken = new Set();
  const unique = (name) => {
    let candidate = name;
    for (let n = 2; taken.has(candidate); n++) candidate = name.replace(/(\.[^./]*)?$/, ` (${n})$1`);
    taken.add(candidate);
    return candidate;
  };
  for (const entry of entries) {
    const cut = parentPrefix(entry.key).length;
    const objects = entry.type === 'folder' ? await ctx.client.listAll(bucket, entry.key) : [entry];
    for (const o of objects) items.push({ key: o.key, size: o.size, modified: o.modified, name: unique(o.key.slice(cut)) });
  }
  return items;
}

async function saveTarget(name) {
  if (typeof window.showSaveFilePicker !== 'function') return null;
  try {
    const handle = await window.showSaveFilePicker({ suggestedName: name, types: [{ description: 'Zip archive', accept: { 'application/zip': ['.zip'] } }] });
    return await handle.createWritable();
  } catch (e) {
    if (e.name === 'AbortError') throw e; // the person cancelled
    return null; // no picker here after all: a Blob it is
  }
}

export async function downloadAsZip(ctx, bucket, prefix, entries) {
  if (!entries.length) return false;
  const name = (entries.length === 1 ? entries[0].name : baseName(prefix) || bucket) + '.zip';
  let writable;
  try {
    writable = await saveTarget(name); // first, while the click still counts as a user gesture
  } catch {
    return false;
  }
  const note = toast('Preparing the zip…', 'info', 0);
  const line = note.firstChild;
  try {
    const items = await collect(ctx, bucket, entries);
    const total = items.reduce((s, i) => s + (i.size || 0), 0);
    let written = 0;
    async function* files() {
      for (const [n, item] of items.entries()) {
        line.textContent = `Zipping ${n + 1} of ${items.length}: ${baseName(item.key)}`;
        const lastModified = item.modified ? new Date(item.modified) : new Date();
        if (item.key.endsWith('/') && !item.size) yield { name: item.name, lastModified }; // a folder marker
        else yield { name: item.name, lastModified, input: await ctx.client.request({ bucket, key: item.key }) };
      }
    }
    const counting = new TransformStream({
      transform(chunk, out) {
        written += chunk.byteLength;
        note.dataset.written = String(written);
        out.enqueue(chunk);
      },
    });
    const stream = downloadZip(files()).body.pipeThrough(counting);
    if (writable) {
      await stream.pipeTo(writable);
    } else {
      const blob = await new Response(stream).blob();
      const url = URL.createObjectURL(blob);
      const link = h('a', { href: url, download: name, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    }
    toast(`${name}: ${items.length} item${items.length === 1 ? '' : 's'}, ${formatSize(total)} of files.`, 'success');
    return false;
  } catch (e) {
    if (writable) await writable.abort().catch(() => {});
    throw e;
  } finally {
    note.remove();
  }
}
