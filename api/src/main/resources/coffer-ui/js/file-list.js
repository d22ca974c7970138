// The rows of a folder, as a list or a grid of tiles: pages loaded on demand as the list nears its
// end, and only the rows in and near the viewport in the DOM (each placed by its index), so a
// folder of 100,000 objects costs no more to scroll than one of 100. Selection by checkbox,
// Ctrl/Shift-click and keyboard (a grid with one roving tab stop: arrows, Home/End, Enter opens,
// Space selects, Delete, F2, the context-menu key). Each row has a ⋯ menu, and a right-click menu.
// A search (list.search set) loads a page of matches at a time, on request ("More results").
import { clear, h } from './dom.js';
import { iconFor, icons } from './icons.js';
import { baseName, formatDate, formatSize } from './format.js';
import { statusText } from './list-status.js';

const OVERSCAN = 20; // rows kept above and below the viewport (lines of tiles in the grid: 4)
const LOOKAHEAD = 300; // load the next page when the window comes this close to the last row
const COLUMNS = [['name', 'Name'], ['size', 'Size'], ['date', 'Modified']];

export class FileList {
  constructor(options) {
    this.o = options;
    this.mode = options.mode || 'list';
    this.search = null;
    this.entries = [];
    this.view = [];
    this.selected = new Set();
    this.focusIndex = 0;
    this.generation = 0;
    this.selectAll = h('input', { type: 'checkbox', 'aria-label': 'Select all loaded items', onchange: () => this.toggleAll() });
    this.sortButtons = Object.fromEntries(COLUMNS.map(([by, label]) =>
      [by, h('button', { type: 'button', class: 'sort', 'data-sort': by, onclick: () => this.o.onSort(by) }, label, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }))]));
    this.headCells = Object.fromEntries(COLUMNS.map(([by]) => [by, h('div', { role: 'columnheader', class: `cell-${by}` }, this.sortButtons[by])]));
    this.rows = h('div', { role: 'rowgroup', class: 'rows', onclick: (e) => this.onClick(e), onkeydown: (e) => this.onKey(e),
      oncontextmenu: (e) => this.onContextMenu(e) });
    this.live = new Map(); // index -> row element in the DOM
    this.status = h('div', { class: 'list-status', role: 'status' });
    this.more = h('button', { type: 'button', class: 'button small', id: 'search-more', hidden: true, onclick: () => this.fetchPage() }, 'More results');
    this.retry = h('button', { type: 'button', class: 'button small', id: 'list-retry', hidden: true, onclick: () => this.tryAgain() }, 'Try again');
    this.element = h('div', { class: 'file-list' + (this.mode === 'grid' ? ' grid' : ''), role: 'grid', 'aria-label': 'Files and folders', 'aria-multiselectable': 'true' },
      h('div', { role: 'rowgroup', class: 'list-head' }, h('div', { role: 'row', class: 'row head', 'aria-rowindex': '1' },
        h('div', { role: 'columnheader', class: 'cell-check' }, this.selectAll), Object.values(this.headCells),
        h('div', { role: 'columnheader', class: 'cell-more' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
      this.rows, h('div', { class: 'list-foot' }, this.status, this.more, this.retry));
    this.onScroll = () => {
      if (this.scrollPending) return;
      this.scrollPending = true;
      requestAnimationFrame(() => {
        this.scrollPending = false;
        this.updateWindow();
      });
    };
    this.onResize = () => {
      this.geometry = null;
      this.rerender();
    };
    window.addEventListener('scroll', this.onScroll, { passive: true });
    window.addEventListener('resize', this.onResize);
    // A listing that failed while the network was away goes on by itself when it is back.
    this.onOnline = () => { if (this.failed) this.tryAgain(); };
    window.addEventListener('online', this.onOnline);
  }

  /** Where rows go: one column of list rows, or as many tiles as fit in a line. */
  get layout() {
    if (!this.geometry) {
      const style = getComputedStyle(this.element);
      if (this.mode === 'grid') {
        const width = this.rows.clientWidth || this.element.clientWidth || 800;
        const cols = Math.max(2, Math.floor(width / (parseFloat(style.getPropertyValue('--tile')) || 180)));
        this.geometry = { cols, width: width / cols, height: parseFloat(style.getPropertyValue('--tile-height')) || 200, overscan: 4 };
      } else {
        this.geometry = { cols: 1, width: 0, height: parseFloat(style.getPropertyValue('--row')) || 48, overscan: OVERSCAN };
      }
    }
    return this.geometry;
  }

  setMode(mode) {
    this.mode = mode;
    this.element.classList.toggle('grid', mode === 'grid');
    this.geometry = null;
    this.rerender();
  }

  destroy() {
    this.generation++;
    window.removeEventListener('scroll', this.onScroll);
    window.removeEventListener('resize', this.onResize);
    window.removeEventListener('online', this.onOnline);
    if (this.abort) this.abort.abort();
  }

  /** Starts the listing over (after a filter change or a write); keeps the selection when asked. */
  async reload(sort, keepSelection = false) {
    if (this.abort) this.abort.abort();
    this.abort = new AbortController();
    const generation = ++this.generation;
    if (!keepSelection) this.selected.clear();
    Object.assign(this, { entries: [], view: [], token: null, done: false, loading: false, failed: false, sort });
    this.rerender();
    await this.fetchPage(generation);
    if (sort.by !== 'name') await this.resort(sort);
  }

  /** Asks again for the page whose listing failed (the button shown with the failure, or "online"). */
  tryAgain() {
    this.failed = false;
    this.fetchPage();
  }

  /** Loads the next page; while one is loading, resolves when that one is in. */
  fetchPage(generation = this.generation) {
    if (this.loading) return this.pending;
    if (this.done) return Promise.resolve();
    this.loading = true;
    this.pending = this.loadPage(generation);
    return this.pending;
  }

  async loadPage(generation) {
    this.setStatus();
    try {
      const page = await this.o.load(this.token, this.abort.signal);
      if (generation !== this.generation) return;
      const folders = page.folders.map((key) => ({ type: 'folder', key, name: baseName(key) }));
      // A zero-byte "name/" object is the folder's own marker (how "New folder" makes one).
      const files = page.files.filter((f) => !f.key.endsWith('/') || f.size > 0)
        .map((f) => ({ type: 'file', key: f.key, name: baseName(f.key), size: f.size, modified: f.modified, etag: f.etag }));
      this.entries.push(...folders, ...files);
      this.token = page.next;
      this.done = !page.next;
      const filesBefore = this.view.some((e) => e.type === 'file');
      this.view = this.sorted();
      // New folders go before the files already shown: place every row again.
      if (folders.length && filesBefore) this.rerender();
    } catch (e) {
      if (e.name !== 'AbortError' && generation === this.generation) {
        this.failed = true;
        this.o.onError(e);
      }
    } finally {
      if (generation === this.generation) {
        this.loading = false;
        this.setStatus();
        this.updateWindow();
      }
    }
  }

  /** Sorts by name in the server's order, or loads the whole folder first to sort by size or date. */
  async resort(sort) {
    this.sort = sort;
    const generation = this.generation;
    while (sort.by !== 'name' && !this.search && !this.done && !this.failed && generation === this.generation) {
      await this.fetchPage(generation);
    }
    if (generation !== this.generation) return;
    this.view = this.sorted();
    this.rerender();
  }

  sorted() {
    const { by, dir } = this.sort;
    const folders = this.entries.filter((e) => e.type === 'folder');
    const files = this.entries.filter((e) => e.type === 'file');
    if (by === 'size') files.sort((a, b) => dir * (a.size - b.size));
    else if (by === 'date') files.sort((a, b) => dir * (Date.parse(a.modified) - Date.parse(b.modified)));
    else if (dir < 0) files.reverse();
    if (by === 'name' && dir < 0) folders.reverse();
    return folders.concat(files);
  }

  rerender() {
    clear(this.rows);
    this.live.clear();
    for (const [by] of COLUMNS) {
      const active = this.sort && this.sort.by === by;
      this.headCells[by].setAttribute('aria-sort', active ? (this.sort.dir > 0 ? 'ascending' : 'descending') : 'none');
      this.sortButtons[by].classList.toggle('active', active);
    }
    this.updateWindow();
  }

  /** Puts the rows in and near the viewport into the DOM, removes the others, loads ahead. */
  updateWindow() {
    const { cols, width, height, overscan } = this.layout;
    const n = this.view.length;
    this.rows.style.height = Math.ceil(n / cols) * height + 'px';
    this.element.setAttribute('aria-rowcount', String(n + 1));
    const top = this.rows.getBoundingClientRect().top;
    const first = Math.max(0, Math.floor(-top / height) - overscan) * cols;
    const last = Math.min(n, (Math.ceil((window.innerHeight - top) / height) + overscan) * cols);
    for (const [i, el] of this.live) {
      if ((i < first || i >= last || i >= n) && el !== document.activeElement) {
        el.remove();
        this.live.delete(i);
      }
    }
    const fragment = document.createDocumentFragment();
    for (let i = first; i < last; i++) {
      if (this.live.has(i)) continue;
      const el = this.row(this.view[i], i);
      el.style.transform = `translate(${(i % cols) * width}px, ${Math.floor(i / cols) * height}px)`;
      if (cols > 1) el.style.width = width + 'px';
      this.live.set(i, el);
      fragment.append(el);
    }
    this.rows.append(fragment);
    if (!this.search && last >= n - LOOKAHEAD && !this.done && !this.loading && !this.failed) this.fetchPage();
  }

  row(entry, index) {
    const selected = this.selected.has(entry.key);
    const name = entry.type === 'folder'
      ? h('a', { class: 'name', href: this.o.hrefFor(entry.key), tabindex: '-1' }, entry.name)
      : h('span', { class: 'name', title: entry.name }, entry.name);
    const where = this.search ? h('span', { class: 'path muted' }, entry.key.slice(0, entry.key.length - entry.name.length - (entry.type === 'folder' ? 1 : 0)) || '/') : null;
    const icon = h('span', { class: 'row-icon ' + entry.type, html: entry.type === 'folder' ? icons.folder : iconFor(entry.key) });
    const el = h('div', { role: 'row', class: 'row' + (selected ? ' selected' : ''), tabindex: index === this.focusIndex ? '0' : '-1',
      'data-index': String(index), 'data-key': entry.key, 'data-type': entry.type, 'aria-selected': String(selected), 'aria-rowindex': String(index + 2) },
      h('div', { role: 'gridcell', class: 'cell-check' },
        h('input', { type: 'checkbox', tabindex: '-1', checked: selected, 'aria-label': `Select ${entry.name}` })),
      h('div', { role: 'gridcell', class: 'cell-name' }, icon, h('span', { class: 'name-lines' }, name, where)),
      h('div', { role: 'gridcell', class: 'cell-size' }, entry.type === 'file' ? formatSize(entry.size) : ''),
      h('div', { role: 'gridcell', class: 'cell-date' }, entry.type === 'file' ? formatDate(entry.modified) : ''),
      h('div', { role: 'gridcell', class: 'cell-more' }, h('button', { type: 'button', class: 'icon-button row-menu', tabindex: '-1',
        'aria-label': `More actions for ${entry.name}`, 'aria-haspopup': 'menu', html: icons.more })));
    if (this.mode === 'grid' && entry.type === 'file' && this.o.thumbnail) {
      this.o.thumbnail(entry).then((url) => {
        if (!url) return;
        icon.replaceChildren(h('img', { class: 'thumb', src: url, alt: '' }));
        el.dataset.thumb = 'ready';
      }, () => {});
    }
    return el;
  }

  setStatus() {
    const n = this.view.length;
    const q = this.search;
    this.status.textContent = statusText({ n, search: q, loading: this.loading, failed: this.failed, done: this.done,
      searched: q && this.o.searched ? this.o.searched() : null, filtered: this.o.filtered && this.o.filtered() });
    this.more.hidden = !q || this.done || this.loading || this.failed;
    this.retry.hidden = !this.failed || this.loading;
    this.element.classList.toggle('empty', !n && !this.loading);
    this.selectAll.checked = n > 0 && this.selected.size >= n;
  }

  selectedEntries() {
    return this.entries.filter((e) => this.selected.has(e.key));
  }

  setSelected(index, on) {
    const entry = this.view[index];
    if (!entry) return;
    if (on) this.selected.add(entry.key);
    else this.selected.delete(entry.key);
    const el = this.live.get(index);
    if (el) {
      el.classList.toggle('selected', on);
      el.setAttribute('aria-selected', String(on));
      el.querySelector('input').checked = on;
    }
  }

  /** Selects only this row (a right-click or ⋯ on a row outside the selection). */
  selectOnly(index) {
    for (const key of [...this.selected]) {
      const i = this.view.findIndex((e) => e.key === key);
      if (i >= 0) this.setSelected(i, false);
      this.selected.delete(key);
    }
    this.setSelected(index, true);
    this.anchor = index;
    this.setStatus();
    this.o.onSelection();
  }

  /** Drops keys that are gone (deleted, moved away) from the selection. */
  forget(keys) {
    for (const key of keys) this.selected.delete(key);
    this.o.onSelection();
  }

  /** Focuses the row of `key` once it is listed (after a rename); false when it is not in this folder. */
  focusKey(key) {
    const index = this.view.findIndex((e) => e.key === key);
    if (index < 0) return false;
    this.focusRow(index);
    return true;
  }

  toggleAll() {
    const on = this.selectAll.checked;
    this.view.forEach((_, i) => this.setSelected(i, on));
    this.o.onSelection();
  }

  focusRow(index) {
    if (index < 0 || index >= this.view.length) return;
    const { cols, height } = this.layout;
    const rowTop = this.rows.getBoundingClientRect().top + Math.floor(index / cols) * height;
    const headroom = this.o.headroom ? this.o.headroom() : 130; // the sticky bars above the rows
    if (rowTop < headroom) window.scrollBy(0, rowTop - headroom);
    else if (rowTop + height > window.innerHeight) window.scrollBy(0, rowTop + height - window.innerHeight + 8);
    const previous = this.live.get(this.focusIndex);
    if (previous) previous.tabIndex = -1;
    this.focusIndex = index;
    this.updateWindow();
    const el = this.live.get(index);
    el.tabIndex = 0;
    el.focus({ preventScroll: true });
  }

  menuAt(index, point) {
    const entry = this.view[index];
    if (!entry) return;
    if (!this.selected.has(entry.key)) this.selectOnly(index);
    this.o.onMenu(entry, point);
  }

  onContextMenu(event) {
    const el = event.target.closest('.row');
    if (!el) return;
    event.preventDefault();
    this.focusRow(Number(el.dataset.index));
    this.menuAt(Number(el.dataset.index), { x: event.clientX, y: event.clientY });
  }

  onClick(event) {
    const el = event.target.closest('.row');
    if (!el) return;
    const index = Number(el.dataset.index);
    const entry = this.view[index];
    const menuButton = event.target.closest('.row-menu');
    if (menuButton) {
      event.preventDefault();
      this.focusRow(index);
      const r = menuButton.getBoundingClientRect();
      this.menuAt(index, { x: r.right, y: r.bottom, alignRight: true, returnFocus: el });
      return;
    }
    if (event.target.matches('input[type=checkbox]')) {
      this.setSelected(index, event.target.checked);
      this.anchor = index;
    } else if (event.shiftKey && this.anchor != null) {
      event.preventDefault();
      const [from, to] = [Math.min(this.anchor, index), Math.max(this.anchor, index)];
      for (let i = from; i <= to; i++) this.setSelected(i, true);
    } else if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      this.setSelected(index, !this.selected.has(entry.key));
      this.anchor = index;
    } else {
      event.preventDefault();
      this.focusRow(index);
      this.o.onOpen(entry);
      return;
    }
    this.focusRow(index);
    this.setStatus();
    this.o.onSelection();
  }

  onKey(event) {
    const el = event.target.closest('.row');
    if (!el) return;
    const index = Number(el.dataset.index);
    const entry = this.view[index];
    const { cols } = this.layout;
    const keys = {
      ArrowDown: () => this.focusRow(Math.min(index + cols, this.view.length - 1)),
      ArrowUp: () => this.focusRow(index - cols),
      ArrowRight: () => cols > 1 && this.focusRow(index + 1),
      ArrowLeft: () => cols > 1 && this.focusRow(index - 1),
      Home: () => this.focusRow(0),
      End: () => this.focusRow(this.view.length - 1),
      Enter: () => this.o.onOpen(entry),
      ' ': () => { this.setSelected(index, !this.selected.has(entry.key)); this.anchor = index; this.o.onSelection(); },
      Escape: () => { this.view.forEach((_, i) => this.setSelected(i, false)); this.o.onSelection(); },
      Delete: () => { if (!this.selected.size) this.setSelected(index, true); this.o.onSelection(); this.o.onDeleteKey(); },
      F2: () => { if (!this.selected.size) this.setSelected(index, true); this.o.onSelection(); this.o.onRenameKey(); },
      ContextMenu: () => { const r = el.getBoundingClientRect(); this.menuAt(index, { x: r.left + 48, y: r.bottom, returnFocus: el }); },
    };
    const key = event.shiftKey && event.key === 'F10' ? 'ContextMenu' : event.key;
    if ((event.ctrlKey || event.metaKey) && event.key === 'a') {
      this.selectAll.checked = true;
      this.toggleAll();
    } else if (keys[key]) {
      keys[key]();
    } else {
      return;
    }
    event.preventDefault();
    this.setStatus();
  }
}
