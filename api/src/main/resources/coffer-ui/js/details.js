// Object details from HeadObject (with x-amz-checksum-mode: ENABLED): size, type, ETag, dates,
// user metadata and checksums; and, when the bucket is versioned, its versions (times to the
// second) with preview, download and restore (restore copies that version over the current one,
// as S3's console does).
import { h } from './dom.js';
import { baseName, formatDateTime, formatSize } from './format.js';
import { kindOf } from './icons.js';
import { confirmAction, openDialog, toast } from './dialogs.js';
import { describe } from './errors.js';

function table(rows) {
  return h('dl', { class: 'details' }, rows.filter(([, v]) => v != null && v !== '').map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

async function versionsSection(ctx, bucket, key) {
  let status;
  try {
    status = await ctx.client.getVersioning(bucket);
  } catch (e) {
    return null; // a server without versioning support: nothing to show
  }
  if (status === 'Off') return h('p', { class: 'muted' }, 'Versioning is off for this bucket: there are no earlier versions.');
  const versions = await ctx.client.listVersions(bucket, key);
  const list = h('ul', { class: 'versions', id: 'versions' });
  for (const v of versions) {
    const label = v.deleteMarker ? 'Deleted' : formatSize(v.size);
    list.append(h('li', { class: 'version' },
      h('div', {}, h('strong', { class: 'version-time' }, formatDateTime(v.modified)), v.latest ? h('span', { class: 'badge' }, 'current') : null,
        h('div', { class: 'muted mono small' }, `${label} · ${v.versionId}`)),
      v.deleteMarker ? null : h('div', { class: 'version-actions' },
        kindOf(key) ? h('button', { type: 'button', class: 'button small', onclick: () => previewVersion(ctx, bucket, key, v) }, 'Preview') : null,
        h('button', { type: 'button', class: 'button small', onclick: () => downloadVersion(ctx, bucket, key, v.versionId) }, 'Download'),
        v.latest ? null : h('button', { type: 'button', class: 'button small', onclick: () => restore(ctx, bucket, key, v) }, 'Restore'))));
  }
  return h('section', {}, h('h3', {}, `Versions (${versions.length})`), list);
}

async function previewVersion(ctx, bucket, key, version) {
  const { preview } = await import('./preview.js');
  preview(ctx, bucket, { type: 'file', key, name: baseName(key), size: version.size }, { versionId: version.versionId });
}

async function downloadVersion(ctx, bucket, key, versionId) {
  const { download } = await import('./actions.js');
  download(ctx, bucket, [{ key }], versionId);
}

const CARRIED_HEADERS = ['content-type', 'content-encoding', 'content-disposition', 'content-language', 'cache-control', 'expires'];

/**
 * Copies a version over the current one. Amazon S3 takes the plain copy (the source names a
 * version); a server that refuses a copy onto the same key without a metadata change gets the
 * version's own metadata again with the REPLACE directive.
 */
async function copyOntoItself(ctx, bucket, key, versionId) {
  try {
    await ctx.client.copyObject(bucket, key, key, versionId);
  } catch (e) {
    if (e.code !== 'InvalidRequest') throw e;
    const head = await ctx.client.headObject(bucket, key, versionId);
    const headers = { 'x-amz-metadata-directive': 'REPLACE' };
    head.forEach((value, name) => {
      if (name.startsWith('x-amz-meta-') || CARRIED_HEADERS.includes(name)) headers[name] = value;
    });
    await ctx.client.copyObject(bucket, key, key, versionId, headers);
  }
}

async function restore(ctx, bucket, key, version) {
  const ok = await confirmAction({ title: 'Restore version', confirmLabel: 'Restore', danger: false,
    message: `Make the version of ${formatDateTime(version.modified)} the current one? The current version is kept as an earlier version.` });
  if (!ok) return;
  try {
    await copyOntoItself(ctx, bucket, key, version.versionId);
    toast('Version restored.', 'success');
  } catch (e) {
    ctx.reportError(e);
  }
}

export async function details(ctx, bucket, key) {
  const holder = h('div', { class: 'stack', id: 'details' }, h('p', { class: 'muted' }, 'Loading…'));
  const done = openDialog({ title: baseName(key), body: holder, wide: true, actions: [{ label: 'Close', value: null }] });
  try {
    const headers = await ctx.client.headObject(bucket, key);
    const metadata = [];
    const checksums = [];
    headers.forEach((value, name) => {
      if (name.startsWith('x-amz-meta-')) metadata.push([name.slice(11), value]);
      if (name.startsWith('x-amz-checksum-') && name !== 'x-amz-checksum-type') checksums.push([name.slice(15).toUpperCase(), h('span', { class: 'mono' }, value)]);
    });
    const size = Number(headers.get('content-length'));
    holder.replaceChildren(
      table([
        ['Path', h('span', { class: 'mono' }, key)],
        ['Size', `${formatSize(size)} (${size.toLocaleString()} bytes)`],
        ['Type', headers.get('content-type')],
        ['Last modified', formatDateTime(headers.get('last-modified'))],
        ['ETag', h('span', { class: 'mono' }, headers.get('etag'))],
        ['Storage class', headers.get('x-amz-storage-class') || 'STANDARD'],
        ['Version', headers.get('x-amz-version-id')],
        ...checksums.map(([k, v]) => [`Checksum ${k}`, v]),
        ['Checksum type', headers.get('x-amz-checksum-type')],
      ]),
      metadata.length ? h('section', {}, h('h3', {}, 'Metadata'), table(metadata)) : h('p', { class: 'muted' }, 'No user metadata.'),
      (await versionsSection(ctx, bucket, key).catch((e) => h('p', { class: 'form-message error' }, describe(e)))) || '');
  } catch (e) {
    holder.replaceChildren(h('p', { class: 'form-message error', role: 'alert' }, describe(e)));
  }
  await done;
}
