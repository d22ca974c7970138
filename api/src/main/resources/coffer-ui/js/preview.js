// Previews in the page: images, audio, video and PDF load from short-lived presigned GET URLs;
// text, Markdown and JSON are fetched (first 256 KB) and shown as text, never as HTML. PDFs are
// served with a forced application/pdf type, so an HTML file named .pdf cannot run in the page.
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

async function textContent(ctx, bucket, key) {
  const response = await ctx.client.request({ bucket, key, headers: { range: `bytes=0-${TEXT_LIMIT - 1}` } });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const range = response.headers.get('content-range');
  const total = range ? Number(range.split('/')[1]) : bytes.length;
  return { text: new TextDecoder('utf-8', { fatal: false }).decode(bytes), truncated: total > bytes.length, total };
}

async function content(ctx, bucket, entry, kind) {
  const { client } = ctx;
  if (kind === 'image') return h('img', { class: 'preview-media', alt: entry.name, src: await client.presign(bucket, entry.key, URL_SECONDS) });
  if (kind === 'video') return h('video', { class: 'preview-media', controls: true, preload: 'metadata', src: await client.presign(bucket, entry.key, URL_SECONDS) });
  if (kind === 'audio') return h('audio', { controls: true, preload: 'metadata', src: await client.presign(bucket, entry.key, URL_SECONDS) });
  if (kind === 'pdf') {
    const src = await client.presign(bucket, entry.key, URL_SECONDS, { 'response-content-type': 'application/pdf', 'response-content-disposition': 'inline' });
    return h('iframe', { class: 'preview-frame', title: entry.name, src });
  }
  const { text, truncated, total } = await textContent(ctx, bucket, entry.key);
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

export async function preview(ctx, bucket, entry) {
  const kind = kindOf(entry.key);
  if (!kind) return details(ctx, bucket, entry.key);
  const holder = h('div', { class: 'preview', id: 'preview', 'data-kind': kind }, h('p', { class: 'muted' }, 'Loading preview…'));
  const done = openDialog({
    title: baseName(entry.key), body: holder, wide: true,
    actions: [
      { label: 'Details', value: 'details' },
      { label: 'Share', value: 'share' },
      { label: 'Download', value: 'download', kind: 'primary' },
    ],
  });
  try {
    holder.replaceChildren(await content(ctx, bucket, entry, kind));
  } catch (e) {
    holder.replaceChildren(h('p', { class: 'form-message error', role: 'alert' }, h('span', { html: icons.info }), ' ', describe(e)));
  }
  const choice = await done;
  if (choice === 'details') return details(ctx, bucket, entry.key);
  if (choice === 'share') return share(ctx, bucket, entry.key);
  if (choice === 'download') {
    const { download } = await import('./actions.js');
    return download(ctx, bucket, [entry]);
  }
  return null;
}
