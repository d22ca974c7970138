// Previews in the page: images, audio, video and PDF load from short-lived presigned GET URLs;
// text, Markdown and JSON are fetched (first 256 KB) and shown as text, never as HTML. PDFs are
// served with a forced application/pdf type, so an HTML file named .pdf cannot run in the page.
// Office documents are offered for download. Previous/next (buttons, ← →) walk the folder's
// files; a version (versionId) previews that version.
import { h } from './dom.js';
import { kindOf, icons } from './icons.js';
import { baseName, formatSize } from './format.js';
import { openDialog } from './dialogs.js';
import { describe } from './errors.js';
import { renderMarkdown } from './markdown.js';
import { details } from './details.js';
import { share } from './share.js';

const TEXT_LIMIT = 256 * 1024;
const URL_SECONDS = 3600;

async function textContent(ctx, bucket, key, versionId) {
  const response = await ctx.client.request({ bucket, key, query: versionId ? { versionId } : {}, headers: { range: `bytes=0-${TEXT_LIMIT - 1}` } });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const range = response.headers.get('content-range');
  const total = range ? Number(range.split('/')[1]) : bytes.length;
  return { text: new TextDecoder('utf-8', { fatal: false }).decode(bytes), truncated: total > bytes.length, total };
}

function officeNote(entry, onDownload) {
  return h('div', { class: 'preview-office', id: 'preview-office' },
    h('span', { class: 'preview-office-icon', html: icons.office }),
    h('p', {}, h('strong', {}, baseName(entry.key))),
    h('p', { class: 'muted' }, 'Office documents (Word, Excel, PowerPoint, OpenDocument…) cannot be shown in the browser. Download it to open it in an office app.'),
    h('button', { type: 'button', class: 'button primary', onclick: onDownload }, h('span', { class: 'button-icon', html: icons.download }), 'Download to open'));
}

async function content(ctx, bucket, entry, kind, versionId, onDownload) {
  const { client } = ctx;
  const v = versionId ? { versionId } : {};
  if (kind === 'office') return officeNote(entry, onDownload);
  if (kind === 'image') return h('img', { class: 'preview-media', alt: entry.name, src: await client.presign(bucket, entry.key, URL_SECONDS, v) });
  if (kind === 'video') return h('video', { class: 'preview-media', controls: true, preload: 'metadata', src: await client.presign(bucket, entry.key, URL_SECONDS, v) });
  if (kind === 'audio') return h('audio', { controls: true, preload: 'metadata', src: await client.presign(bucket, entry.key, URL_SECONDS, v) });
  if (kind === 'pdf') {
    const src = await client.presign(bucket, entry.key, URL_SECONDS, { ...v, 'response-content-type': 'application/pdf', 'response-content-disposition': 'inline' });
    return h('iframe', { class: 'preview-frame', title: entry.name, src });
  }
  const { text, truncated, total } = await textContent(ctx, bucket, entry.key, versionId);
  let node;
  if (kind === 'json' && !truncated) {
    try {
      node = h('pre', { class: 'preview-text' }, JSON.stringify(JSON.parse(text), null, 2));
    } catch {
      node = h('pre', { class: 'preview-text' }, text);
    }
  } else if (kind === 'markdown') {
    node = h('article', { class: 'preview-markdown' }, renderMarkdown(text));
  } else {
    node = h('pre', { class: 'preview-text' }, text);
  }
  return h('div', {}, truncated ? h('p', { class: 'muted' }, `Showing the first ${formatSize(TEXT_LIMIT)} of ${formatSize(total)}.`) : null, node);
}

/**
 * Opens the preview of `entry`; `siblings` (the folder's files, in the list's order) give it
 * previous and next; `versionId` shows that version of the object.
 */
export async function preview(ctx, bucket, entry, { siblings = [], versionId = null } = {}) {
  if (!kindOf(entry.key)) return details(ctx, bucket, entry.key);
  let index = Math.max(0, siblings.findIndex((s) => s.key === entry.key));
  const files = siblings.length ? siblings : [entry];
  let current = entry;
  let closeDialog = null;
  let titleEl = null;
  const holder = h('div', { class: 'preview', id: 'preview' });
  const position = h('span', { class: 'preview-position muted small', 'aria-live': 'polite' });
  const step = (delta) => show(index + delta);
  const prev = h('button', { type: 'button', class: 'button small', id: 'preview-prev', onclick: () => step(-1) },
    h('span', { class: 'button-icon', html: icons.prev }), h('span', { class: 'label' }, 'Previous'));
  const next = h('button', { type: 'button', class: 'button small', id: 'preview-next', onclick: () => step(1) },
    h('span', { class: 'label' }, 'Next'), h('span', { class: 'button-icon', html: icons.next }));
  const nav = files.length > 1 && !versionId ? h('div', { class: 'preview-nav' }, prev, position, next) : null;
  const body = h('div', { class: 'preview-wrap' }, nav, holder);
  let shown = 0;

  async function show(i) {
    if (i < 0 || i >= files.length) return;
    index = i;
    current = files[i];
    const mine = ++shown;
    const kind = kindOf(current.key) || 'none';
    if (titleEl) titleEl.textContent = baseName(current.key) + (versionId ? ' (earlier version)' : '');
    prev.disabled = i === 0;
    next.disabled = i === files.length - 1;
    position.textContent = `${i + 1} of ${files.length}`;
    holder.dataset.kind = kind;
    holder.dataset.key = current.key;
    holder.replaceChildren(h('p', { class: 'muted' }, 'Loading preview…'));
    try {
      const node = kind === 'none'
        ? h('p', { class: 'muted' }, 'No preview for this kind of file. Download it, or see its details.')
        : await content(ctx, bucket, current, kind, versionId, () => closeDialog && closeDialog('download'));
      if (mine === shown) holder.replaceChildren(node);
    } catch (e) {
      if (mine === shown) holder.replaceChildren(h('p', { class: 'form-message error', role: 'alert' }, h('span', { html: icons.info }), ' ', describe(e)));
    }
  }

  const done = openDialog({
    title: baseName(entry.key), body, wide: true,
    actions: [
      versionId ? null : { label: 'Details', value: 'details' },
      versionId ? null : { label: 'Share', value: 'share' },
      { label: 'Download', value: 'download', kind: 'primary' },
    ].filter(Boolean),
    onOpen: (dialog, close) => {
      closeDialog = close;
      titleEl = dialog.querySelector('.dialog-head h2');
      dialog.classList.add('preview-dialog');
      dialog.addEventListener('keydown', (e) => {
        if (e.altKey || e.ctrlKey || e.metaKey || e.target.closest('input, textarea, select, video, audio')) return;
        if (e.key === 'ArrowLeft') { e.preventDefault(); step(-1); }
        if (e.key === 'ArrowRight') { e.preventDefault(); step(1); }
      });
    },
  });
  show(index);
  const choice = await done;
  if (choice === 'details') return details(ctx, bucket, current.key);
  if (choice === 'share') return share(ctx, bucket, current.key);
  if (choice === 'download') {
    const { download } = await import('./actions.js');
    return download(ctx, bucket, [current], versionId);
  }
  return null;
}
