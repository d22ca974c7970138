// The rows of a folder: pages loaded on demand as the list nears its end, and only the rows in
// and near the viewport in the DOM (each placed at index × row height), so a folder of 100,000
// objects costs no more to scroll than one of 100. Selection by checkbox, Ctrl/Shift-click and
// keyboard (a grid with one roving tab stop: arrows, Home/End, Enter opens, Space selects,
// Delete, F2).
import { clear, h } from './dom.js';
import { iconFor, icons } from './icons.js';
import { baseName, formatCount, formatDate, formatSize } from './format.js';

const OVERSCAN = 20; // rows kept above and below the viewport
const LOOKAHEAD = 300; // load the next page when the window comes this close to the last row
const COLUMNS = [['name', 'Name'], ['size', 'Size'], ['date', 'Modified']];

export class FileList {
  constructor(options) {
    this.o = options;
    this.entries = [];
    this.view = [];
    this.selected = new Set();
    this.focusIndex = 0;
    this.generation = 0;
    this.selectAll = h('input', { type: 'checkbox', 'aria-label': 'Select all loaded items', onchange: () => this.toggleAll() });
    this.sortButtons = Object.fromEntries(COLUMNS.map(([by, label]) =>
      [by, h('button', { type: 'button', class: 'sort', 'data-sort': by, onclick: () => this.o.onSort(by) }, label, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }))]));
    this.headCells = Object.fromEntries(COLUMNS.map(([by]) => [by, h('div', { role: 'columnheader', class: `cell-${by}` }, this.sortButtons[by])]));
    this.rows = h('div', { role: 'rowgroup', class: 'rows', onclick: (e) => this.onClick(e), onkeydown: (e) => this.onKey(e) });
    this.live = new Map(); // index -> row element in the DOM
    this.status = h('div', { class: 'list-status', role: 'status' });
    this.element = h('div', { class: 'file-list', role: 'grid', 'aria-label': 'Files and folders', 'aria-multiselectable': 'true' },
      h('div', { role: 'rowgroup', class: 'list-head' }, h('div', { role: 'row', class: 'row head', 'aria-rowindex': '1' },
        h('div', { role: 'columnheader', class: 'cell-check' }, this.selectAll), Object.values(this.headCells))),
      this.rows, this.status);
    this.onScroll = () => {
      if (this.scrollPending) return;
      this.scrollPending = true;
      requestAnimationFrame(() => {
        this.scrollPending = false;
        this.updateWindow();
      });
    };
    this.onResize = () => {
      this.rowHeight = 0;
      this.rerender();
    };
    window.addEventListener('scroll', this.onScroll, { passive: true });
    window.addEventListener('resize', this.onResize);
  }

  get height() {
    if (!this.rowHeight) this.rowHeight = parseFloat(getComputedStyle(this.element).getPropertyValue('--row')) || 48;
    return this.rowHeight;
  }

  destroy() {
    this.generation++;
    window.removeEventListener('scroll', this.onScroll);
    window.removeEventListener('resize', this.onResize);
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

  async fetchPage(generation = this.generation) {
    if (this.loading || this.done) return;
    this.loading = true;
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
    while (sort.by !== 'name' && !this.done && !this.failed && generation === this.generation) {
      this.loading = false;
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
    const h = this.height;
    const n = this.view.length;
    this.rows.style.height = n * h + 'px';
    this.element.setAttribute('aria-rowcount', String(n + 1));
    const top = this.rows.getBoundingClientRect().top;
    const first = Math.max(0, Math.floor(-top / h) - OVERSCAN);
    const last = Math.min(n, Math.ceil((window.innerHeight - top) / h) + OVERSCAN);
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
      el.style.transform = `translateY(${i * h}px)`;
      this.live.set(i, el);
      fragment.append(el);
    }
    this.rows.append(fragment);
    if (last >= n - LOOKAHEAD && !this.done && !this.loading && !this.failed) this.fetchPage();
  }

  row(entry, index) {
    const selected = this.selected.has(entry.key);
    const name = entry.type === 'folder'
      ? h('a', { class: 'name', href: this.o.hrefFor(entry.key), tabindex: '-1' }, entry.name)
      : h('span', { class: 'name' }, entry.name);
    return h('div', { role: 'row', class: 'row' + (selected ? ' selected' : ''), tabindex: index === this.focusIndex ? '0' : '-1',
      'data-index': String(index), 'data-key': entry.key, 'data-type': entry.type, 'aria-selected': String(selected), 'aria-rowindex': String(index + 2) },
      h('div', { role: 'gridcell', class: 'cell-check' },
        h('input', { type: 'checkbox', tabindex: '-1', checked: selected, 'aria-label': `Select ${entry.name}` })),
      h('div', { role: 'gridcell', class: 'cell-name' },
        h('span', { class: 'row-icon ' + entry.type, html: entry.type === 'folder' ? icons.folder : iconFor(entry.key) }), name),
      h('div', { role: 'gridcell', class: 'cell-size' }, entry.type === 'file' ? formatSize(entry.size) : ''),
      h('div', { role: 'gridcell', class: 'cell-date' }, entry.type === 'file' ? formatDate(entry.modified) : ''));
  }

  setStatus() {
    const n = this.view.length;
    let text;
    if (this.loading && !n) text = 'Loading…';
    else if (!n) text = this.failed ? 'This folder could not be listed.' : 'Nothing here yet. Drop files here or use Upload.';
    else text = `${formatCount(n)} item${n === 1 ? '' : 's'}` + (this.done ? '' : this.loading ? ' · loading more…' : ' · scroll for more');
    this.status.textContent = text;
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

  toggleAll() {
    const on = this.selectAll.checked;
    this.view.forEach((_, i) => this.setSelected(i, on));
    this.o.onSelection();
  }

  focusRow(index) {
    if (index < 0 || index >= this.view.length) return;
    const h = this.height;
    const rowTop = this.rows.getBoundingClientRect().top + index * h;
    const headroom = 130; // the sticky top bar and the list head
    if (rowTop < headroom) window.scrollBy(0, rowTop - headroom);
    else if (rowTop + h > window.innerHeight) window.scrollBy(0, rowTop + h - window.innerHeight + 8);
    const previous = this.live.get(this.focusIndex);
    if (previous) previous.tabIndex = -1;
    this.focusIndex = index;
    this.updateWindow();
    const el = this.live.get(index);
    el.tabIndex = 0;
    el.focus({ preventScroll: true });
  }

  onClick(event) {
    const el = event.target.closest('.row');
    if (!el) return;
    const index = Number(el.dataset.index);
    const entry = this.view[index];
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
    const keys = {
      ArrowDown: () => this.focusRow(index + 1),
      ArrowUp: () => this.focusRow(index - 1),
      Home: () => this.focusRow(0),
      End: () => this.focusRow(this.view.length - 1),
      Enter: () => this.o.onOpen(entry),
      ' ': () => { this.setSelected(index, !this.selected.has(entry.key)); this.anchor = index; this.o.onSelection(); },
      Escape: () => { this.view.forEach((_, i) => this.setSelected(i, false)); this.o.onSelection(); },
      Delete: () => { if (!this.selected.size) this.setSelected(index, true); this.o.onSelection(); this.o.onDeleteKey(); },
      F2: () => { if (!this.selected.size) this.setSelected(index, true); this.o.onSelection(); this.o.onRenameKey(); },
    };
    if ((event.ctrlKey || event.metaKey) && event.key === 'a') {
      this.selectAll.checked = true;
      this.toggleAll();
    } else if (keys[event.key]) {
      keys[event.key]();
    } else {
      return;
    }
    event.preventDefault();
    this.setStatus();
  }
}
