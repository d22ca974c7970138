// A folder of a bucket: ListObjectsV2 with prefix and '/' delimiter, one page of 1,000 at a time
// as the list scrolls, rows rendered in batches so that a folder of 100,000 objects stays fast.
// Sorting by name keeps the server's order; by size or date it first loads the whole folder.
// A list or a grid (remembered), a sticky bar of actions on the selection, the same actions in a
// row's ⋯ menu and the right-click menu, and a search of the whole bucket (search.js).
import { clear, h } from './dom.js';
import { icons } from './icons.js';
import { baseName } from './format.js';
import { FileList } from './file-list.js';
import * as actions from './actions.js';
import { collectDropped } from './drop.js';
import { noteIfSlow, toast } from './dialogs.js';
import { showMenu } from './menu.js';
import { thumbnail } from './thumbnails.js';
import { BucketSearch } from './search.js';

const VIEW_KEY = 'coffer-drive.view';
const savedMode = () => { try { return localStorage.getItem(VIEW_KEY) === 'grid' ? 'grid' : 'list'; } catch { return 'list'; } };
import { bucketLinks } from './bucket-pages.js';
import { rememberOpened } from './session.js';

export class BrowserView {
  constructor(ctx, bucket, prefix) {
    Object.assign(this, { ctx, bucket, prefix });
    this.filter = '';
    this.sort = { by: 'name', dir: 1 };
    this.abort = new AbortController();
    this.search = new BucketSearch(ctx.client, bucket);
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
    const act = this.commands();
    this.selectionButtons = {
      download: a('action-download', icons.download, 'Download', act.download),
      zip: a('action-zip', icons.zip, 'Zip', act.zip, { title: 'Download as one zip' }),
      share: a('action-share', icons.share, 'Share', act.share),
      rename: a('action-rename', icons.move, 'Rename', act.rename),
      move: a('action-move', icons.folder, 'Move', act.move, { title: 'Move to a folder' }),
      details: a('action-details', icons.info, 'Details', act.details),
      remove: a('action-delete', icons.trash, 'Delete', act.remove, { class: 'button danger-outline' }),
    };
    this.selectionLabel = h('span', { class: 'selection-count', 'aria-live': 'polite' });
    this.filterInput = h('input', { type: 'search', class: 'input filter', id: 'filter', placeholder: 'Filter by name prefix', 'aria-label': 'Filter by name prefix',
      autocomplete: 'off', spellcheck: 'false', oninput: () => this.onFilter() });
    this.searchInput = h('input', { type: 'search', class: 'input search', id: 'search', placeholder: `Search all of ${this.bucket}`, 'aria-label': `Search all of ${this.bucket}`,
      autocomplete: 'off', spellcheck: 'false', oninput: () => this.onSearch(),
      onkeydown: (e) => { if (e.key === 'Enter') { e.preventDefault(); this.onSearch(0); } } });
    this.dropOverlay = h('div', { class: 'drop-overlay', 'aria-hidden': 'true' },
      h('div', {}, h('span', { html: icons.upload }), h('p', {}, 'Drop files or folders to upload to ', h('strong', {}, this.prefix || this.bucket))));
    this.mode = savedMode();
    this.viewToggle = h('button', { type: 'button', class: 'button', id: 'view-toggle', onclick: () => this.toggleMode() });
    this.list = new FileList({
      bucket: this.bucket,
      mode: this.mode,
      onOpen: (entry) => this.open(entry),
      onSelection: () => this.updateSelection(),
      onSort: (by) => this.setSort(by),
      onDeleteKey: () => this.selectionButtons.remove.click(),
      onRenameKey: () => this.selectionButtons.rename.click(),
      onMenu: (entry, point) => this.menu(entry, point),
      thumbnail: (entry) => thumbnail(this.ctx.client, this.bucket, entry),
      hrefFor: (prefix) => this.ctx.hrefFor(this.bucket, prefix),
      headroom: () => this.subbar.getBoundingClientRect().bottom + 4,
      filtered: () => this.filter,
      searched: () => this.search.scanned,
      load: (token, signal) => (this.list.search ? this.search.page(token, signal)
        : this.ctx.client.listObjects({ bucket: this.bucket, prefix: this.prefix + this.filter, token, signal })
          .then((page) => { rememberOpened(this.bucket); return page; })),
      onError: (e) => this.ctx.reportError(e),
    });
    this.subbar = h('div', { class: 'subbar', id: 'action-bar' },
      h('div', { class: 'finders' }, this.filterInput, this.searchInput),
      h('div', { class: 'selection-bar', role: 'toolbar', 'aria-label': 'Selected items' }, this.selectionLabel, Object.values(this.selectionButtons)));
    this.section = h('section', { class: 'view browser-view', 'aria-label': `Folder ${this.prefix || this.bucket}` },
      h('div', { class: 'view-head' },
        h('h1', { class: 'folder-title' }, this.prefix ? baseName(this.prefix) : this.bucket),
        h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Folder actions' },
          a('upload-files', icons.upload, 'Upload', () => this.fileInput.click(), { class: 'button primary' }),
          a('upload-folder', icons.folder, 'Upload folder', () => this.folderInput.click()),
          a('new-folder', icons.newFolder, 'New folder', () => this.run(actions.createFolder(this.ctx, this.bucket, this.prefix))),
          a('bucket-settings', icons.history, 'Versioning', () => actions.versioningSettings(this.ctx, this.bucket)),
          this.viewToggle,
          bucketLinks(this.ctx, this.bucket, this.prefix),
          this.fileInput, this.folderInput)),
      this.subbar,
      this.list.element,
      this.dropOverlay);
    clear(this.ctx.main).append(this.section);
    this.showMode();
    this.bindDrop();
    this.updateSelection();
    this.ctx.uploads.onFinished = (upload) => {
      if (upload.bucket === this.bucket && upload.key.startsWith(this.prefix)) this.refreshSoon();
    };
    this.list.reload(this.sort);
  }

  /** What the bar's buttons and the menus do, on the current selection. */
  commands() {
    const { ctx, bucket } = this;
    return {
      download: () => actions.download(ctx, bucket, this.selectedFiles()).catch((e) => ctx.reportError(e)),
      zip: () => actions.downloadAsZip(ctx, bucket, this.prefix, this.list.selectedEntries()).catch((e) => ctx.reportError(e)),
      share: () => this.withSoleFile((key) => actions.share(ctx, bucket, key)),
      rename: () => this.run(actions.rename(ctx, bucket, this.prefix, this.list.selectedEntries())),
      move: () => this.run(actions.move(ctx, bucket, this.prefix, this.list.selectedEntries())),
      details: () => this.withSoleFile((key) => actions.details(ctx, bucket, key)),
      remove: () => this.run(actions.remove(ctx, bucket, this.list.selectedEntries())),
    };
  }

  menu(entry, point) {
    const entries = this.list.selectedEntries();
    const files = entries.filter((e) => e.type === 'file');
    const one = entries.length === 1;
    const act = this.commands();
    showMenu([
      { id: 'open', label: entry.type === 'folder' ? 'Open' : 'Preview', icon: entry.type === 'folder' ? icons.folder : icons.eye, onSelect: () => this.open(entry), disabled: !one },
      { id: 'download', label: files.length > 1 ? `Download ${files.length} files` : 'Download', icon: icons.download, onSelect: act.download, disabled: !files.length || files.length !== entries.length },
      { id: 'zip', label: 'Download as zip', icon: icons.zip, onSelect: act.zip },
      { id: 'share', label: 'Share link', icon: icons.share, onSelect: act.share, disabled: !(one && files.length === 1) },
      '-',
      { id: 'rename', label: 'Rename', icon: icons.move, onSelect: act.rename, disabled: !one },
      { id: 'move', label: 'Move to…', icon: icons.folder, onSelect: act.move },
      { id: 'details', label: 'Details', icon: icons.info, onSelect: act.details, disabled: !(one && files.length === 1) },
      '-',
      { id: 'delete', label: entries.length > 1 ? `Delete ${entries.length} items` : 'Delete', icon: icons.trash, onSelect: act.remove, danger: true },
    ], { ...point, label: one ? `Actions for ${entry.name}` : `Actions for ${entries.length} items` });
  }

  toggleMode() {
    this.mode = this.mode === 'grid' ? 'list' : 'grid';
    try { localStorage.setItem(VIEW_KEY, this.mode); } catch { /* private mode: not remembered */ }
    this.list.setMode(this.mode);
    this.showMode();
  }

  showMode() {
    this.viewToggle.replaceChildren(h('span', { class: 'button-icon', html: icons.grid }), h('span', { class: 'label' }, 'Grid view'));
    this.viewToggle.title = this.mode === 'grid' ? 'Showing a grid of thumbnails: press for the list' : 'Show as a grid of thumbnails';
    this.viewToggle.setAttribute('aria-pressed', String(this.mode === 'grid'));
  }

  selectedFiles() {
    return this.list.selectedEntries().filter((e) => e.type === 'file');
  }

  /**
   * Calls `act` with the one selected file's key. While the folder lists again (after an upload or
   * a change) its rows are not in yet but the selection is kept: the kept key is the file's.
   */
  withSoleFile(act) {
    const files = this.selectedFiles();
    const kept = [...this.list.selected];
    const key = files.length ? files[0].key : kept.length === 1 && !kept[0].endsWith('/') ? kept[0] : null;
    if (key != null) act(key);
  }

  updateSelection() {
    const entries = this.list.selectedEntries();
    const files = entries.filter((e) => e.type === 'file');
    const b = this.selectionButtons;
    b.download.disabled = files.length === 0;
    b.share.disabled = b.details.disabled = !(entries.length === 1 && files.length === 1);
    b.rename.disabled = entries.length !== 1;
    b.zip.disabled = b.move.disabled = b.remove.disabled = entries.length === 0;
    this.selectionLabel.textContent = entries.length ? `${entries.length} selected` : '';
    this.subbar.classList.toggle('has-selection', entries.length > 0);
  }

  open(entry) {
    if (entry.type === 'folder') this.ctx.navigate(this.bucket, entry.key);
    else actions.preview(this.ctx, this.bucket, entry, { siblings: this.list.view.filter((e) => e.type === 'file') });
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

  onSearch(delay = 400) {
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => {
      const query = this.searchInput.value.trim();
      if ((query || null) === this.list.search) return;
      this.search.query = query;
      this.list.search = query || null;
      this.filterInput.disabled = !!query;
      this.section.classList.toggle('searching', !!query);
      this.list.reload(this.sort);
    }, delay);
  }

  refreshSoon() {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.list.reload(this.sort, true), 400);
  }

  /** Runs an action; lists the folder again when it changed something, keeping the focus in place. */
  async run(promise) {
    const at = this.list.focusIndex;
    let outcome;
    try {
      outcome = await promise;
    } catch (e) {
      this.ctx.reportError(e);
      outcome = true;
    }
    if (!outcome) return;
    if (outcome.gone) this.list.forget(outcome.gone);
    await this.list.reload(this.sort, true);
    if (!(outcome.focus && this.list.focusKey(outcome.focus)) && (outcome.gone || outcome.focus) && this.list.view.length) {
      this.list.focusRow(Math.min(at, this.list.view.length - 1));
    }
    this.updateSelection();
  }

  pick(input) {
    const entries = Array.from(input.files, (file) => {
      const path = file.webkitRelativePath || file.name;
      const slash = path.indexOf('/'); // a picked folder's files: "trip/2024/a.txt", each under "trip/"
      return { key: this.prefix + path, file, ...(slash > 0 ? { group: this.prefix + path.slice(0, slash + 1) } : {}) };
    });
    input.value = '';
    if (!entries.length && input === this.folderInput) { // browsers give a picked folder's files, never its empty folders
      toast('That folder holds no files, so nothing was uploaded. To make an empty folder, drag it here or use New folder.', 'info');
    }
    this.enqueue(entries);
  }

  enqueue(entries) {
    if (!entries.length) return;
    entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)); // in the order a listing shows them, not the disk's
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
      const done = noteIfSlow('Reading what was dropped…'); // a folder of thousands of files takes a moment
      try {
        this.enqueue((await collectDropped(e.dataTransfer)).map(({ path, folder, ...rest }) => ({ key: this.prefix + path, ...rest,
          ...(folder ? { group: this.prefix + folder } : {}) })));
      } catch (err) {
        this.ctx.reportError(err);
      } finally {
        done();
      }
    });
  }
}
