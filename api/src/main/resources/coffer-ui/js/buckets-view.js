// The bucket list: name, creation date, versioning (GetBucketVersioning of each), object count
// and total size (summed from listings, page by page, since S3 has no call that returns them),
// create and delete.
import { clear, h } from './dom.js';
import { icons } from './icons.js';
import { formatCount, formatDate, formatSize } from './format.js';
import { confirmAction, promptText, toast } from './dialogs.js';
import { openedBuckets } from './session.js';

const BUCKET_NAME = /^(?!xn--)(?!.*-s3alias$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function bucketNameProblem(name) {
  if (!BUCKET_NAME.test(name) || name.includes('..') || /^\d+\.\d+\.\d+\.\d+$/.test(name)) {
    return 'Use 3–63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.';
  }
  return null;
}

export class BucketsView {
  constructor(ctx) {
    this.ctx = ctx;
    this.abort = new AbortController();
  }

  hide() {
    this.abort.abort();
  }

  async show() {
    const { main, client } = this.ctx;
    this.body = h('tbody', {});
    this.status = h('p', { class: 'muted', role: 'status' }, 'Loading buckets…');
    this.empty = h('div', { class: 'empty-state', id: 'buckets-empty', hidden: true },
      h('span', { class: 'empty-icon', html: icons.bucket }),
      h('h2', {}, 'No buckets yet'),
      h('p', { class: 'muted' }, 'A bucket holds your files and folders. Create one, then drop files on it or use Upload.'),
      h('button', { type: 'button', class: 'button primary', id: 'first-bucket', onclick: () => this.create() },
        h('span', { class: 'button-icon', html: icons.plus }), 'Create a bucket'));
    clear(main).append(h('section', { class: 'view buckets-view' },
      h('div', { class: 'view-head' },
        h('h1', {}, 'Buckets'),
        h('button', { type: 'button', class: 'button primary', id: 'new-bucket', onclick: () => this.create() },
          h('span', { class: 'button-icon', html: icons.plus }), h('span', { class: 'label' }, 'New bucket'))),
      this.status,
      this.empty,
      h('table', { class: 'table bucket-table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Created'), h('th', { scope: 'col' }, 'Versioning'),
          h('th', { scope: 'col', class: 'num' }, 'Objects'), h('th', { scope: 'col', class: 'num' }, 'Size'),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
        this.body)));
    try {
      const buckets = await client.listBuckets();
      if (this.abort.signal.aborted) return;
      this.names = new Set(buckets.map((b) => b.name));
      this.status.textContent = '';
      this.status.hidden = true;
      // No table head over nothing: an empty account sees what a bucket is and how to make one.
      this.empty.hidden = buckets.length > 0;
      this.body.closest('table').hidden = !buckets.length;
      const rows = buckets.map((b) => this.row(b));
      await Promise.all(rows.map(({ versioning }) => versioning()));
      for (const { count } of rows) await count();
    } catch (e) {
      if (this.abort.signal.aborted) return;
      if (e.code === 'AccessDenied') {
        this.openByName();
        return;
      }
      this.status.textContent = 'The buckets could not be loaded.';
      this.ctx.reportError(e);
    }
  }

  /** A key allowed some buckets but not ListBuckets (s3:ListAllMyBuckets): its buckets are opened by name. */
  openByName() {
    const input = h('input', { class: 'input', id: 'open-bucket-name', 'aria-label': 'Bucket name', placeholder: 'Bucket name',
      autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false', required: true });
    const form = h('form', { class: 'open-bucket', onsubmit: (e) => {
      e.preventDefault();
      const name = input.value.trim();
      if (name) this.ctx.navigate(name, '');
    } }, input, h('button', { type: 'submit', class: 'button primary' }, 'Open'));
    this.status.textContent = 'This key may not list the buckets (s3:ListAllMyBuckets). Open a bucket you were given by its name:';
    const opened = openedBuckets();
    const links = opened.length ? h('ul', { class: 'opened-buckets', 'aria-label': 'Buckets opened in this session' },
      opened.map((name) => h('li', {}, h('a', { class: 'bucket-link', href: this.ctx.hrefFor(name, '') }, h('span', { class: 'row-icon', html: icons.bucket }), name)))) : null;
    this.status.after(...[form, links].filter(Boolean));
    this.body.closest('table').hidden = true;
    input.focus();
  }

  row(bucket) {
    const objects = h('td', { class: 'num', 'data-label': 'Objects' }, h('span', { class: 'muted' }, '…'));
    const size = h('td', { class: 'num', 'data-label': 'Size' }, h('span', { class: 'muted' }, '…'));
    const state = h('td', { class: 'versioning', 'data-label': 'Versioning' }, h('span', { class: 'muted' }, '…'));
    const tr = h('tr', { 'data-bucket': bucket.name },
      h('th', { scope: 'row' }, h('a', { class: 'bucket-link', href: this.ctx.hrefFor(bucket.name, '') },
        h('span', { class: 'row-icon', html: icons.bucket }), bucket.name)),
      h('td', { 'data-label': 'Created' }, formatDate(bucket.created)),
      state, objects, size,
      h('td', { class: 'actions' }, h('button', { type: 'button', class: 'icon-button danger-hover', 'aria-label': `Delete bucket ${bucket.name}`,
        title: 'Delete bucket', html: icons.trash, onclick: () => this.remove(bucket.name) })));
    this.body.append(tr);
    const count = async () => {
      try {
        await this.ctx.client.listAll(bucket.name, '', (page, files) => {
          const total = files.reduce((s, f) => s + f.size, 0);
          const more = page.next ? '…' : '';
          objects.textContent = formatCount(files.length) + more;
          size.textContent = formatSize(total) + more;
        }, this.abort.signal);
      } catch (e) {
        if (!this.abort.signal.aborted) objects.textContent = size.textContent = '—';
      }
    };
    const versioning = async () => {
      try {
        const status = await this.ctx.client.getVersioning(bucket.name);
        const words = { Enabled: ['On', 'on'], Suspended: ['Suspended', 'suspended'], Off: ['Off', 'off'] }[status] || [status, 'off'];
        state.dataset.state = words[1];
        state.replaceChildren(h('span', { class: 'state-badge ' + words[1], title: `Versioning: ${words[0].toLowerCase()}` }, words[0]));
      } catch (e) {
        if (!this.abort.signal.aborted) state.textContent = '—';
      }
    };
    return { count, versioning };
  }

  async create() {
    const name = await promptText({ title: 'New bucket', label: 'Bucket name', confirmLabel: 'Create bucket',
      hint: 'Lowercase letters, digits, dots and hyphens; 3–63 characters.',
      // S3 in us-east-1 answers 200 to creating a bucket one already owns: "created" would not be true.
      validate: (name) => bucketNameProblem(name) || (this.names && this.names.has(name) ? 'You already have a bucket with that name.' : null) });
    if (!name) return;
    try {
      await this.ctx.client.createBucket(name);
      toast(`Bucket ${name} created.`, 'success');
      this.ctx.navigate(name, '');
    } catch (e) {
      this.ctx.reportError(e);
    }
  }

  /** Deletes every version and delete marker of the bucket; throws on the first that is refused. */
  async deleteVersions(name) {
    const all = [];
    for await (const versions of this.ctx.client.versionPages(name)) all.push(...versions);
    const failed = await this.ctx.client.deleteObjects(name, all.map(({ key, versionId }) => ({ key, versionId })));
    if (failed.length) {
      throw new Error(`${formatCount(failed.length)} of ${formatCount(all.length)} versions could not be deleted (${failed[0].code}): the bucket is kept.`);
    }
  }

  async remove(name) {
    const page = await this.ctx.client.listObjects({ bucket: name, delimiter: '', maxKeys: 1 }).catch(() => null);
    if (page && page.files.length) {
      toast(`Bucket ${name} is not empty. Delete everything in it first.`, 'error');
      return;
    }
    // No current files, but S3 refuses to delete a bucket that keeps old versions or delete
    // markers (versioning), which the folder view does not show: they go first, said so.
    let kept = false;
    try {
      for await (const versions of this.ctx.client.versionPages(name)) {
        kept = versions.length > 0;
        break;
      }
    } catch {
      // not allowed to list versions (or none to list): DeleteBucket will say what S3 thinks
    }
    const ok = await confirmAction({ title: 'Delete bucket', confirmLabel: 'Delete bucket', typeToConfirm: name,
      message: kept
        ? `The bucket “${name}” has no current files, but keeps old versions or delete markers of deleted files (versioning). They will be deleted for good, then the bucket. Its name may then be taken by someone else. This cannot be undone.`
        : `The empty bucket “${name}” will be deleted. Its name may then be taken by someone else. This cannot be undone.` });
    if (!ok) return;
    try {
      if (kept) await this.deleteVersions(name);
      await this.ctx.client.deleteBucket(name);
      toast(`Bucket ${name} deleted.`, 'success');
      this.show();
    } catch (e) {
      this.ctx.reportError(e);
    }
  }
}
