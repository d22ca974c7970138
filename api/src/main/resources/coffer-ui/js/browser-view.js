// A folder of a bucket: ListObjectsV2 with prefix and '/' delimiter, one page of 1,000 at a time
// as the list scrolls, rows rendered in batches so that a folder of 100,000 objects stays fast.
// Sorting by name keeps the server's order; by size or date it first loads the whole folder.
import { clear, h } from './dom.js';
import { icons } from './icons.js';
import { baseName } from './format.js';
import { FileList } from './file-list.js';
import * as actions from './actions.js';
import { collectDropped } from './drop.js';

export class BrowserView {
  constructor(ctx, bucket, prefix) {
    Object.assign(this, { ctx, bucket, prefix });
    this.filter = '';
    this.sort = { by: 'name', dir: 1 };
    this.abort = new AbortController();
  }

  hide() {
    this.abort.abort();
    if (this.list) this.list.destroy();
    document.removeEventListener('keydown', this.onKey);
  }

  show() {
    const a = (id, icon, label, onclick, extra = {}) => h('button', { type: 'button', class: 'button', id, onclick, title: label, ...extra },
      h('span', { class: 'button-icon', html: icon }), h('span', { class: 'label' }, label));
    this.fileInput = h('input', { type: 'file', multiple: true, hidden: true, onchange: (e) => this.pick(e.target) });
    this.folderInput = h('input', { type: 'file', multiple: true, webkitdirectory: true, hidden: true, onchange: (e) => this.pick(e.target) });
    this.selectionButtons = {
      download: a('action-download', icons.download, 'Download', () => actions.download(this.ctx, this.bucket, this.selectedFiles())),
      share: a('action-share', icons.share, 'Share', () => actions.share(this.ctx, this.bucket, this.selectedFiles()[0].key)),
      rename: a('action-rename', icons.move, 'Rename / move', () => this.run(actions.renameOrMove(this.ctx, this.bucket, this.prefix, this.list.selectedEntries()))),
      details: a('action-details', icons.info, 'Details', () => actions.details(this.ctx, this.bucket, this.selectedFiles()[0].key)),
      remove: a('action-delete', icons.trash, 'Delete', () => this.run(actions.remove(this.ctx, this.bucket, this.list.selectedEntries())), { class: 'button danger-outline' }),
    };
    this.selectionLabel = h('span', { class: 'selection-count', 'aria-live': 'polite' });
    this.filterInput = h('input', { type: 'search', class: 'input filter', id: 'filter', placeholder: 'Filter by name prefix', 'aria-label': 'Filter by name prefix',
      autocomplete: 'off', spellcheck: 'false', oninput: () => this.onFilter() });
    this.dropOverlay = h('div', { class: 'drop-overlay', 'aria-hidden': 'true' },
      h('div', {}, h('span', { html: icons.upload }), h('p', {}, 'Drop files or folders to upload to ', h('strong', {}, this.prefix || this.bucket))));
    this.list = new FileList({
      bucket: this.bucket,
      onOpen: (entry) => this.open(entry),
      onSelection: () => this.updateSelection(),
      onSort: (by) => this.setSort(by),
      onDeleteKey: () => this.selectionButtons.remove.click(),
      onRenameKey: () => this.selectionButtons.rename.click(),
      hrefFor: (prefix) => this.ctx.hrefFor(this.bucket, prefix),
      load: (token, signal) => this.ctx.client.listObjects({ bucket: this.bucket, prefix: this.prefix + this.filter, token, signal }),
      onError: (e) => this.ctx.reportError(e),
    });
    this.section = h('section', { class: 'view browser-view', 'aria-label': `Folder ${this.prefix || this.bucket}` },
      h('div', { class: 'view-head' },
        h('h1', { class: 'folder-title' }, this.prefix ? baseName(this.prefix) : this.bucket),
        h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Folder actions' },
          a('upload-files', icons.upload, 'Upload', () => this.fileInput.click(), { class: 'button primary' }),
          a('upload-folder', icons.folder, 'Upload folder', () => this.folderInput.click()),
          a('new-folder', icons.newFolder, 'New folder', () => this.run(actions.createFolder(this.ctx, this.bucket, this.prefix))),
          a('bucket-settings', icons.history, 'Versioning', () => actions.versioningSettings(this.ctx, this.bucket)),
          this.fileInput, this.folderInput)),
      h('div', { class: 'subbar' }, this.filterInput,
        h('div', { class: 'selection-bar', role: 'toolbar', 'aria-label': 'Selected items' }, this.selectionLabel, Object.values(this.selectionButtons))),
      this.list.element,
      this.dropOverlay);
    clear(this.ctx.main).append(this.section);
    this.bindDrop();
    this.updateSelection();
    this.ctx.uploads.onFinished = (upload) => {
      if (upload.bucket === this.bucket && upload.key.startsWith(this.prefix)) this.refreshSoon();
    };
    this.list.reload(this.sort);
  }

  selectedFiles() {
    return this.list.selectedEntries().filter((e) => e.type === 'file');
  }

  updateSelection() {
    const entries = this.list.selectedEntries();
    const files = entries.filter((e) => e.type === 'file');
    const b = this.selectionButtons;
    b.download.disabled = files.length === 0;
    b.share.disabled = b.details.disabled = !(entries.length === 1 && files.length === 1);
    b.rename.disabled = entries.length === 0;
    b.remove.disabled = entries.length === 0;
    this.selectionLabel.textContent = entries.length ? `${entries.length} selected` : '';
  }

  open(entry) {
    if (entry.type === 'folder') this.ctx.navigate(this.bucket, entry.key);
    else actions.preview(this.ctx, this.bucket, entry);
  }

  setSort(by) {
    this.sort = { by, dir: this.sort.by === by ? -this.sort.dir : 1 };
    this.list.resort(this.sort);
  }

  onFilter() {
    clearTimeout(this.filterTimer);
    this.filterTimer = setTimeout(() => {
      this.filter = this.filterInput.value;
      this.list.reload(this.sort);
    }, 250);
  }

  refreshSoon() {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.list.reload(this.sort, true), 400);
  }

  async run(promise) {
    try {
      if (await promise) this.list.reload(this.sort, true);
    } catch (e) {
      this.ctx.reportError(e);
      this.list.reload(this.sort, true);
    }
  }

  pick(input) {
    const entries = Array.from(input.files, (file) => ({ key: this.prefix + (file.webkitRelativePath || file.name), file }));
    input.value = '';
    this.enqueue(entries);
  }

  enqueue(entries) {
    if (!entries.length) return;
    this.ctx.uploads.add(this.bucket, entries);
  }

  bindDrop() {
    let depth = 0;
    const show = (on) => this.section.classList.toggle('dragging', on);
    const hasFiles = (e) => e.dataTransfer && Array.from(e.dataTransfer.types || []).includes('Files');
    this.section.addEventListener('dragenter', (e) => { if (hasFiles(e)) { depth++; show(true); e.preventDefault(); } });
    this.section.addEventListener('dragover', (e) => { if (hasFiles(e)) { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; } });
    this.section.addEventListener('dragleave', () => { depth = Math.max(0, depth - 1); if (!depth) show(false); });
    this.section.addEventListener('drop', async (e) => {
      e.preventDefault();
      depth = 0;
      show(false);
      try {
        this.enqueue((await collectDropped(e.dataTransfer)).map(({ path, file }) => ({ key: this.prefix + path, file })));
      } catch (err) {
        this.ctx.reportError(err);
      }
    });
  }
}
