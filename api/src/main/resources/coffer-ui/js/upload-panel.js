// The upload panel: one line per file (a folder's files under one line of their own:
// upload-group.js) with a progress bar, percent, speed, time left, and
// Cancel or Retry (Retry only where the failure may pass on a second try: errors.js; a refusal
// that would come again can be removed from the list instead); the header sums them up and can
// be collapsed. A line names the file by its path in the bucket, so a folder upload shows where
// each file goes. Names that exist are asked
// about first (conflicts.js); uploads an earlier page left unfinished come back here, going on at
// once where the browser still holds the file, else asking for it again; while uploads run,
// leaving the page asks first.
import { clear, h } from './dom.js';
import { icons } from './icons.js';
import { baseName, formatDuration, formatSize } from './format.js';
import { describeRefusal, mayPassOnRetry } from './errors.js';
import { toast } from './dialogs.js';
import { UploadQueue } from './upload-queue.js';
import { GroupLine, UploadGroup } from './upload-group.js';
import { resolveConflicts } from './conflicts.js';
import * as store from './resume-store.js';

/** Focuses an upload line (made focusable for this) or any other element; a keyboard user then goes on from there. */
function focusLine(el) {
  if (el.matches('li') && !el.hasAttribute('tabindex')) el.tabIndex = -1;
  el.focus();
}

export class UploadPanel {
  constructor(ctx, element) {
    this.ctx = ctx;
    this.element = element;
    this.rows = new Map();
    this.groups = new Map(); // UploadGroup → GroupLine
    this.onFinished = null;
    this.queue = new UploadQueue((u) => this.update(u), (u) => this.onFinished && this.onFinished(u));
    this.summary = h('h2', { class: 'uploads-title', id: 'uploads-title' });
    this.list = h('ul', { class: 'upload-list' });
    this.toggle = h('button', { type: 'button', class: 'button ghost small', 'aria-expanded': 'true', onclick: () => this.collapse() }, 'Hide');
    clear(element).append(
      h('header', { class: 'uploads-head' }, this.summary,
        h('button', { type: 'button', class: 'button ghost small', onclick: () => this.clearFinished() }, 'Clear finished'),
        this.toggle),
      this.list);
    this.picker = h('input', { type: 'file', hidden: true, id: 'resume-picker' });
    this.folderPicker = h('input', { type: 'file', hidden: true, webkitdirectory: true, id: 'resume-folder-picker' });
    element.append(this.picker, this.folderPicker);
    this.onLeave = (e) => {
      if (!this.queue.busy) return;
      e.preventDefault();
      e.returnValue = 'Uploads are still running.'; // the browser shows its own "leave this page?" words
    };
    window.addEventListener('beforeunload', this.onLeave);
  }

  /** Asks about names that exist, then queues the rest. */
  async add(bucket, entries) {
    let chosen;
    try {
      chosen = await resolveConflicts(this.ctx.client, bucket, entries);
    } catch (e) {
      this.ctx.reportError(e);
      return;
    }
    if (!chosen.length) {
      if (entries.every((e) => e.key.endsWith('/'))) toast(`${entries.length === 1 ? 'That folder is' : 'Those folders are'} here already: nothing to upload.`, 'info');
      return;
    }
    this.show();
    const groups = new Map(); // each add is its own line: the same folder uploaded twice shows twice
    const queued = chosen.map((e) => {
      if (!e.group) return e;
      if (!groups.has(e.group)) groups.set(e.group, new UploadGroup(e.group));
      return { ...e, group: groups.get(e.group) };
    });
    this.queue.add(this.ctx.client, bucket, queued);
  }

  show() {
    this.element.hidden = false;
    if (this.element.classList.contains('collapsed')) this.collapse();
  }

  /** Brings back the uploads this endpoint and key left unfinished, a folder's under its line; resolves to how many. */
  async restore() {
    const records = await store.list(this.ctx.client.origin, this.ctx.client.credentials.accessKey);
    const groups = new Map(this.queue.items.filter((u) => u.group).map((u) => [u.group.id, u.group]));
    for (const record of records) {
      if (this.queue.items.some((u) => u.record && u.record.id === record.id)) continue;
      const g = record.group;
      if (g && !groups.has(g.id)) groups.set(g.id, new UploadGroup(g.prefix, g.id));
      const upload = this.queue.addResumed(this.ctx.client, record, g ? groups.get(g.id) : null);
      this.show();
      const file = await store.fileFromHandle(record.handle, false);
      if (file) await this.supply(upload, file);
    }
    return records.length;
  }

  /** The uploads waiting for their file, by record id (for the unfinished-uploads page). */
  resumable(recordId) {
    return this.queue.items.find((u) => u.record && u.record.id === recordId && u.state !== 'cancelled' && u.state !== 'done');
  }

  async supply(upload, file) {
    const problem = await upload.provide(file);
    if (problem) {
      toast(problem, 'error');
      return false;
    }
    this.queue.pump();
    return true;
  }

  /** The file for a resumed upload: from its stored handle (asking permission), else picked again. */
  async findFile(upload) {
    const file = (await store.fileFromHandle(upload.record.handle, true)) || (await this.pickFile());
    return file ? this.supply(upload, file) : false;
  }

  /** Asks for one file; resolves to it, or null when none was chosen. */
  async pickFile() {
    return (await this.choose(this.picker))[0] || null;
  }

  /** Resolves to the files `input` was given (none when the person cancels: no change event, the next pick replaces this one). */
  choose(input) {
    return new Promise((resolve) => {
      input.onchange = () => {
        const picked = Array.from(input.files);
        input.value = '';
        resolve(picked);
      };
      input.click();
    });
  }

  /** A folder's unfinished files, given back at once: the folder is picked again and each file found by its path in it. */
  async resumeFolder(group) {
    const files = await this.choose(this.folderPicker);
    if (!files.length) return;
    const byPath = new Map(files.map((f) => [f.webkitRelativePath.slice(f.webkitRelativePath.indexOf('/') + 1), f]));
    let resumed = 0;
    for (const u of group.items.filter((x) => x.state === 'needs-file')) {
      const file = byPath.get(u.key.slice(group.prefix.length));
      if (!file) continue;
      const problem = await u.provide(file);
      if (problem) toast(problem, 'error');
      else resumed++;
    }
    this.queue.pump();
    if (resumed) toast(`Resuming ${resumed === 1 ? 'one file' : `${resumed} files`} of ${group.name}.`, 'success');
    else if (group.state === 'needs-file') toast(`That folder holds none of the unfinished files of ${group.name} as they were.`, 'error');
  }

  /** Goes on with an upload this browser has no record of, once `file` is checked against it (adopt.js). */
  async adopt(record, file) {
    await store.put(record);
    const upload = this.queue.addResumed(this.ctx.client, record);
    this.show();
    return this.supply(upload, file);
  }

  /** Signing out: running uploads stop and are aborted; those waiting for their file stay for a later sign-in. */
  cancelAll() {
    window.removeEventListener('beforeunload', this.onLeave);
    for (const group of this.groups.keys()) group.cancel();
    for (const u of this.queue.items) if (u.state !== 'needs-file') u.cancel();
  }

  collapse() {
    const collapsed = this.element.classList.toggle('collapsed');
    this.toggle.textContent = collapsed ? 'Show' : 'Hide';
    this.toggle.setAttribute('aria-expanded', String(!collapsed));
  }

  /**
   * Takes uploads off the list (a refusal that a retry would not change; a settled folder); the
   * parts the server holds of a failed one are dropped too (AbortMultipartUpload), since nothing
   * will go on with them.
   */
  remove(...uploads) {
    const line = document.activeElement && document.activeElement.closest('.upload-list > li');
    const next = line && (line.nextElementSibling || line.previousElementSibling);
    for (const u of uploads) if (u.state === 'failed' && u.uploadId) u.cancel();
    const gone = new Set(uploads);
    this.queue.items = this.queue.items.filter((x) => !gone.has(x));
    this.forgetRows();
    if (line && !line.isConnected) { // the button pressed went with its line: focus goes on to the next line, not back to the page's top
      const to = next && next.isConnected ? next : this.element.hidden ? document.getElementById('main') : this.toggle;
      focusLine(to);
    }
  }

  clearFinished() {
    this.queue.clearFinished();
    this.forgetRows();
  }

  forgetRows() {
    for (const [u, row] of this.rows) {
      if (!this.queue.items.includes(u)) {
        row.el.remove();
        this.rows.delete(u);
      }
    }
    for (const [group, line] of this.groups) {
      group.items = group.items.filter((u) => this.queue.items.includes(u));
      if (group.items.length) line.render();
      else {
        line.el.remove();
        this.groups.delete(group);
      }
    }
    if (!this.rows.size) this.element.hidden = true;
    this.updateSummary();
  }

  row(u) {
    let row = this.rows.get(u);
    if (row) return row;
    const bar = h('div', { class: 'bar-fill' });
    row = {
      bar,
      progress: h('div', { class: 'bar', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-label': `Upload of ${baseName(u.key)}` }, bar),
      percent: h('span', { class: 'upload-percent' }),
      detail: h('span', { class: 'upload-detail' }),
      actions: h('span', { class: 'upload-actions' }),
    };
    const folder = u.key.slice(0, u.key.lastIndexOf('/', u.key.length - 2) + 1); // "photos/2024/" of "photos/2024/a.jpg"
    row.el = h('li', { class: 'upload', 'data-key': u.key },
      h('div', { class: 'upload-line' }, h('span', { class: 'upload-name', title: u.key },
        folder ? h('span', { class: 'upload-folder' }, folder) : null, h('span', { class: 'upload-base' }, u.key.slice(folder.length))), row.percent, row.actions),
      row.progress,
      row.detail);
    this.rows.set(u, row);
    if (!u.group) this.list.append(row.el);
    return row;
  }

  groupLine(group) {
    let line = this.groups.get(group);
    if (!line) {
      line = new GroupLine(group, { onRetry: (g) => { for (const u of g.retryable()) this.queue.retry(u); },
        onRemove: (g) => this.remove(...g.items), onPick: (g) => this.resumeFolder(g) });
      this.groups.set(group, line);
      this.list.append(line.el);
    }
    return line;
  }

  update(u) {
    const row = this.row(u);
    const percent = u.percent;
    const was = row.el.dataset.state;
    row.el.dataset.state = u.state;
    row.bar.style.width = percent + '%';
    row.progress.setAttribute('aria-valuenow', String(percent));
    // A refused upload may have sent every byte: no "100%" beside the refusal, no full bar.
    row.progress.hidden = u.state === 'failed';
    row.percent.textContent = u.state === 'failed' ? 'Failed' : percent + '%';
    const size = `${formatSize(u.loaded)} of ${formatSize(u.total)}`;
    const detail = u.warning && u.state === 'done' ? u.warning : {
      queued: `Waiting · ${formatSize(u.total)}`,
      waiting: `The server cannot be reached. Trying again by itself${u.retryAt ? ` in ${Math.max(1, Math.round((u.retryAt - Date.now()) / 1000))} s` : ''} · ${formatSize(u.loaded)} of ${formatSize(u.total)} kept`,
      'needs-file': `Unfinished · ${formatSize(u.loaded)} of ${formatSize(u.total)} uploaded. Choose “${u.record ? u.record.name : baseName(u.key)}” again to go on.`,
      uploading: u.speed > 0 ? `${size} · ${formatSize(u.speed)}/s · ${formatDuration((u.total - u.loaded) / u.speed)} left` : size,
      done: `Uploaded · ${formatSize(u.total)}`,
      failed: u.error ? describeRefusal(u.error) : 'Failed.',
      cancelled: 'Cancelled.',
    }[u.state];
    if (row.detail.textContent !== detail) row.detail.textContent = detail;
    const wanted = u.state === 'needs-file' ? 'pick' : ['uploading', 'queued', 'waiting'].includes(u.state) ? 'cancel'
      : u.state === 'cancelled' || (u.state === 'failed' && mayPassOnRetry(u.error)) ? 'retry' : u.state === 'failed' ? 'remove' : '';
    if (row.actions.dataset.kind !== wanted) {
      row.actions.dataset.kind = wanted;
      if (row.actions.contains(document.activeElement)) focusLine(row.el); // its button is replaced (Retry → Cancel): the line keeps the focus
      clear(row.actions);
      if (wanted === 'cancel') row.actions.append(h('button', { type: 'button', class: 'icon-button', 'aria-label': `Cancel upload of ${baseName(u.key)}`, title: 'Cancel', html: icons.close, onclick: () => u.cancel() }));
      if (wanted === 'pick') {
        row.actions.append(h('button', { type: 'button', class: 'button small', 'aria-label': `Choose the file to resume ${baseName(u.key)}`, onclick: () => this.findFile(u) }, 'Choose file'),
          h('button', { type: 'button', class: 'icon-button', 'aria-label': `Abort upload of ${baseName(u.key)}`, title: 'Abort', html: icons.close, onclick: () => u.cancel() }));
      }
      if (wanted === 'remove') row.actions.append(h('button', { type: 'button', class: 'icon-button', 'aria-label': `Remove ${baseName(u.key)} from the list`, title: 'Remove from the list', html: icons.close, onclick: () => this.remove(u) }));
      if (wanted === 'retry') row.actions.append(h('button', { type: 'button', class: 'button small', 'aria-label': `Retry upload of ${baseName(u.key)}`, onclick: () => this.queue.retry(u) }, h('span', { class: 'button-icon', html: icons.retry }), 'Retry'));
    }
    if (u.group) {
      const line = this.groupLine(u.group);
      line.place(row.el, was, u.state);
      line.render();
    }
    this.updateSummary();
  }

  updateSummary() {
    const items = this.queue.items;
    const done = items.filter((u) => u.state === 'done').length;
    const failed = items.filter((u) => u.state === 'failed').length;
    const waiting = items.filter((u) => u.state === 'waiting').length;
    const paused = items.filter((u) => u.state === 'needs-file').length;
    // One line however narrow the panel: the counts that matter most first, the rest may end in "…" (the title holds it
    // all); the word "Uploads" only for screen readers, as the panel's progress bars say what it is.
    const counts = [`${done} of ${items.length} done`, failed ? `${failed} failed` : '', paused ? `${paused} to resume` : '',
      waiting ? 'waiting for the connection' : ''].filter(Boolean).join(' · ');
    if (this.summary.title !== `Uploads · ${counts}`) {
      this.summary.title = `Uploads · ${counts}`;
      this.summary.replaceChildren(h('span', { class: 'visually-hidden' }, 'Uploads: '), counts);
    }
    clearTimeout(this.collapseTimer);
    const settled = items.every((u) => u.state === 'done' || u.state === 'cancelled');
    if (items.length && settled && !this.element.classList.contains('collapsed')) {
      this.collapseTimer = setTimeout(() => { // nothing left to watch: keep just the summary, unless a folder's files are open
        if (![...this.groups.values()].some((line) => !line.files.hidden)) this.collapse();
      }, 4000);
    }
  }
}
