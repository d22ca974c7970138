// The bucket's unfinished multipart uploads (ListMultipartUploads, every page), each with what
// it holds so far (ListParts, every page): resume one (its file kept by this browser, or chosen
// again and checked — for an upload started elsewhere, against its parts' SHA-256), or abort one
// (AbortMultipartUpload frees its parts).
import { clear, h } from './dom.js';
import { TablePage } from './page-view.js';
import { icons } from './icons.js';
import { baseName, formatCount, formatDate, formatSize } from './format.js';
import { confirmAction, toast } from './dialogs.js';
import { kids, text } from './xml.js';
import * as store from './resume-store.js';
import { adoptionRecord } from './adopt.js';

const decode = (value, encoded) => (encoded && value != null ? decodeURIComponent(value.replace(/\+/g, '%20')) : value);

export async function listUploads(client, bucket, signal) {
  const uploads = [];
  let keyMarker = null;
  let idMarker = null;
  do {
    const query = { uploads: '', 'encoding-type': 'url' };
    if (keyMarker) query['key-marker'] = keyMarker;
    if (idMarker) query['upload-id-marker'] = idMarker;
    const root = await client.xml({ bucket, query, signal });
    const encoded = text(root, 'EncodingType') === 'url';
    for (const u of kids(root, 'Upload')) uploads.push({ key: decode(text(u, 'Key'), encoded), uploadId: text(u, 'UploadId'), initiated: text(u, 'Initiated') });
    const truncated = text(root, 'IsTruncated') === 'true';
    keyMarker = truncated ? decode(text(root, 'NextKeyMarker'), encoded) : null;
    idMarker = truncated ? text(root, 'NextUploadIdMarker') : null;
  } while (keyMarker);
  return uploads;
}

/** {parts, bytes} the server holds for one upload. */
export async function partsOf(client, bucket, key, uploadId, signal) {
  let parts = 0;
  let bytes = 0;
  let marker = null;
  do {
    const query = { uploadId };
    if (marker) query['part-number-marker'] = marker;
    const root = await client.xml({ bucket, key, query, signal });
    for (const p of kids(root, 'Part')) {
      parts++;
      bytes += Number(text(p, 'Size'));
    }
    marker = text(root, 'IsTruncated') === 'true' ? text(root, 'NextPartNumberMarker') : null;
  } while (marker);
  return { parts, bytes };
}

export class UploadsView extends TablePage {
  async show() {
    this.frame({ kind: 'uploads', label: 'Unfinished uploads', title: 'Unfinished uploads', loading: 'Looking for unfinished uploads…',
      lead: 'Large files go up in parts. An upload that was interrupted keeps its parts on the server — and counts against the storage — until it is resumed or aborted.',
      columns: [['Name'], ['Started'], ['Uploaded', true]] });
    await this.load();
  }

  async load() {
    const { client } = this.ctx;
    let uploads;
    let known;
    try {
      uploads = await listUploads(client, this.bucket, this.abort.signal);
      known = new Map((await store.list(client.origin, client.credentials.accessKey)).map((r) => [r.uploadId, r]));
    } catch (e) {
      if (this.abort.signal.aborted) return;
      this.status.textContent = 'The unfinished uploads could not be listed.';
      this.ctx.reportError(e);
      return;
    }
    clear(this.body);
    this.status.textContent = uploads.length ? `${formatCount(uploads.length)} unfinished upload${uploads.length === 1 ? '' : 's'}.` : 'No unfinished uploads in this bucket.';
    this.table.hidden = !uploads.length;
    for (const u of uploads) {
      const size = h('td', { class: 'num', 'data-label': 'Uploaded' }, '…');
      const record = known.get(u.uploadId);
      const actions = h('td', { class: 'actions' });
      actions.append(h('button', { type: 'button', class: 'button small', 'aria-label': `Resume ${baseName(u.key)}`, onclick: () => (record ? this.resume(record) : this.adopt(u)) },
        h('span', { class: 'button-icon', html: icons.upload }), h('span', { class: 'label' }, 'Resume')));
      actions.append(h('button', { type: 'button', class: 'button small danger-outline', 'aria-label': `Abort ${baseName(u.key)}`, onclick: () => this.abortUpload(u, record) },
        h('span', { class: 'button-icon', html: icons.trash }), h('span', { class: 'label' }, 'Abort')));
      this.body.append(h('tr', { 'data-key': u.key, 'data-upload-id': u.uploadId },
        h('th', { scope: 'row' }, h('span', { class: 'bucket-link' }, h('span', { class: 'row-icon', html: icons.file }), u.key),
          record ? null : h('small', { class: 'hint block' }, 'Started elsewhere: to resume, choose its file; it is checked against the parts already uploaded.')),
        h('td', { 'data-label': 'Started' }, formatDate(u.initiated)),
        size, actions));
      partsOf(client, this.bucket, u.key, u.uploadId, this.abort.signal).then(({ parts, bytes }) => {
        size.textContent = `${formatSize(bytes)}${record ? ` of ${formatSize(record.size)}` : ''} · ${parts} part${parts === 1 ? '' : 's'}`;
      }, () => { size.textContent = '—'; });
    }
  }

  async resume(record) {
    const panel = this.ctx.uploads;
    if (!panel.resumable(record.id)) await panel.restore();
    const upload = panel.resumable(record.id);
    if (!upload) return;
    if (upload.state !== 'needs-file') {
      toast(`${baseName(record.key)} is already uploading.`, 'info');
      return;
    }
    if (await panel.findFile(upload)) toast(`Resuming ${baseName(record.key)}.`, 'success');
  }

  /** An upload started elsewhere: the file is chosen, checked part by part (adopt.js), and the upload goes on. */
  async adopt(u) {
    const file = await this.ctx.uploads.pickFile();
    if (!file) return;
    const note = toast(`Checking ${file.name} against the uploaded parts…`, 'info', 0);
    try {
      const record = await adoptionRecord(this.ctx.client, this.bucket, u, file, (i, n) => { note.firstChild.textContent = `Checking ${file.name}: part ${i} of ${n}…`; });
      note.remove();
      if (typeof record === 'string') toast(record, 'error');
      else if (await this.ctx.uploads.adopt(record, file)) toast(`Resuming ${baseName(u.key)}.`, 'success');
    } catch (e) {
      note.remove();
      this.ctx.reportError(e);
    }
    await this.load();
  }

  async abortUpload(u, record) {
    if (!(await confirmAction({ title: 'Abort upload', confirmLabel: 'Abort upload',
      message: `Abort the upload of “${u.key}”? The parts uploaded so far are deleted; the file must then be uploaded again from the start.` }))) return;
    try {
      const running = record && this.ctx.uploads.resumable(record.id);
      if (running) await running.cancel();
      else await this.ctx.client.request({ method: 'DELETE', bucket: this.bucket, key: u.key, query: { uploadId: u.uploadId } });
      if (record) await store.remove(record.id);
      toast(`Upload of ${baseName(u.key)} aborted.`, 'success');
    } catch (e) {
      this.ctx.reportError(e);
    }
    await this.load();
  }
}
