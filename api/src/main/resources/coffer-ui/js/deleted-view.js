// "Recently deleted" of a versioned bucket: the objects whose latest version is a delete marker
// (ListObjectVersions, every page), folder by folder, with restore of a file or of a whole folder.
//
// Restore deletes the delete marker (DeleteObject with its versionId): the version under it is
// current again — the same version, with its id, date, metadata and checksum, and no bytes
// copied. That is how Amazon S3 documents undeleting an object in a versioned bucket
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/ManagingDelMarkers.html). Copying the
// newest version back would leave the marker in the history and store the bytes twice, so it is
// only the fallback for people who may not delete versions (s3:DeleteObjectVersion).
import { clear, h } from './dom.js';
import { TablePage } from './page-view.js';
import { icons } from './icons.js';
import { baseName, formatCount, formatDate, formatSize } from './format.js';
import { confirmAction, toast } from './dialogs.js';

/** Every deleted object under `prefix`: {key, marker (version id), deleted (date), version: newest real version or null}. */
export async function listDeleted(client, bucket, prefix, signal) {
  // Keys are read whole before judging: Amazon S3 interleaves a key's versions and delete
  // markers newest first, but a page may also list the versions first and the markers after
  // (Coffer does), and a key may run over a page boundary.
  const byKey = new Map();
  for await (const versions of client.versionPages(bucket, prefix, signal)) {
    for (const v of versions) {
      if (!byKey.has(v.key)) byKey.set(v.key, { key: v.key, marker: null, deleted: null, version: null });
      const d = byKey.get(v.key);
      if (v.deleteMarker) {
        if (v.latest) Object.assign(d, { marker: v.versionId, deleted: v.modified });
      } else if (v.latest) {
        d.live = true;
      } else if (!d.version || v.modified > d.version.modified) {
        d.version = { id: v.versionId, size: v.size, modified: v.modified };
      }
    }
  }
  // Deleted: the latest is a delete marker, and there is a version under it to bring back.
  return [...byKey.values()].filter((d) => d.marker && !d.live && d.version).map(({ live, ...d }) => d);
}

/** Restores deleted objects (see the header); resolves to {restored, failed: [{key, code}]}. */
export async function restore(client, bucket, items) {
  const failed = await client.deleteObjects(bucket, items.map((d) => ({ key: d.key, versionId: d.marker })));
  const byKey = new Map(items.map((d) => [d.key, d]));
  const still = [];
  for (const f of failed) {
    if (f.code !== 'AccessDenied') {
      still.push(f);
      continue;
    }
    try {
      await client.copyObject(bucket, f.key, f.key, byKey.get(f.key).version.id);
    } catch (e) {
      still.push({ key: f.key, code: e.code || 'Error' });
    }
  }
  return { restored: items.length - still.length, failed: still };
}

/** Files only: a folder's marker object ("docs/") is restored with it but not counted. */
const fileCount = (items) => items.filter((d) => !d.key.endsWith('/')).length;

export class DeletedView extends TablePage {
  async show() {
    this.frame({ kind: 'deleted', label: 'Recently deleted', loading: 'Looking for deleted files…',
      title: 'Recently deleted' + (this.prefix ? ` in ${baseName(this.prefix)}` : ''),
      lead: 'Files whose latest version is a delete marker. Restore removes that marker, so the version under it is current again, as it was — nothing is copied.',
      columns: [['Name'], ['Deleted'], ['Size', true]] });
    await this.load();
  }

  async load() {
    let status;
    try {
      status = await this.ctx.client.getVersioning(this.bucket);
      if (status === 'Off') {
        this.status.textContent = 'This bucket does not keep versions: a deleted file is gone for good. Turn versioning on to have deleted files kept here.';
        return;
      }
      this.items = await listDeleted(this.ctx.client, this.bucket, this.prefix, this.abort.signal);
    } catch (e) {
      if (this.abort.signal.aborted) return;
      this.status.textContent = 'The deleted files could not be listed.';
      this.ctx.reportError(e);
      return;
    }
    this.render();
  }

  render() {
    const folders = new Map();
    const files = [];
    for (const d of this.items) {
      const rest = d.key.slice(this.prefix.length);
      const slash = rest.indexOf('/');
      if (!rest) continue; // this folder's own marker: it comes back with the folder, from the level above
      if (slash < 0) files.push(d);
      else {
        const folder = this.prefix + rest.slice(0, slash + 1);
        if (!folders.has(folder)) folders.set(folder, []);
        folders.get(folder).push(d);
      }
    }
    clear(this.body);
    const count = fileCount(this.items);
    this.status.textContent = count ? `${formatCount(count)} deleted file${count === 1 ? '' : 's'} can be restored.` : 'Nothing deleted here.';
    this.table.hidden = !folders.size && !files.length;
    for (const [folder, items] of folders) {
      const latest = items.reduce((a, d) => (d.deleted > a ? d.deleted : a), '');
      const n = fileCount(items);
      this.body.append(h('tr', { 'data-key': folder },
        h('th', { scope: 'row' }, h('a', { class: 'bucket-link', href: deletedHref(this.ctx, this.bucket, folder) },
          h('span', { class: 'row-icon folder', html: icons.folder }), baseName(folder))),
        h('td', { 'data-label': 'Deleted' }, formatDate(latest)),
        h('td', { class: 'num', 'data-label': 'Files' }, `${formatCount(n)} file${n === 1 ? '' : 's'}`),
        h('td', { class: 'actions' }, this.restoreButton(baseName(folder), items, true))));
    }
    for (const d of files) {
      this.body.append(h('tr', { 'data-key': d.key },
        h('th', { scope: 'row' }, h('span', { class: 'bucket-link' }, h('span', { class: 'row-icon', html: icons.file }), baseName(d.key))),
        h('td', { 'data-label': 'Deleted' }, formatDate(d.deleted)),
        h('td', { class: 'num', 'data-label': 'Size' }, formatSize(d.version.size)),
        h('td', { class: 'actions' }, this.restoreButton(baseName(d.key), [d], false))));
    }
  }

  restoreButton(name, items, folder) {
    return h('button', { type: 'button', class: 'button small', 'aria-label': `Restore ${name}`, onclick: () => this.restore(name, items, folder) },
      h('span', { class: 'button-icon', html: icons.history }), h('span', { class: 'label' }, 'Restore'));
  }

  async restore(name, items, folder) {
    if (folder && !(await confirmAction({ title: 'Restore folder', confirmLabel: 'Restore', danger: false,
      message: `Restore the folder “${name}” with the ${formatCount(fileCount(items))} deleted file${fileCount(items) === 1 ? '' : 's'} in it?` }))) return;
    try {
      const { restored, failed } = await restore(this.ctx.client, this.bucket, items);
      const n = fileCount(items);
      if (failed.length) toast(`${restored} restored; ${failed.length} could not be (${failed[0].code}).`, 'error');
      else toast(folder ? `Restored ${name} (${formatCount(n)} file${n === 1 ? '' : 's'}).` : `Restored ${name}.`, 'success');
    } catch (e) {
      this.ctx.reportError(e);
    }
    await this.load();
  }
}

export const deletedHref = (ctx, bucket, prefix = '') => '#/~deleted' + ctx.hrefFor(bucket, prefix).slice(1);
