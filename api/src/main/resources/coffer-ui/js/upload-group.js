// A folder upload as one line of the upload panel, as Google Drive, Dropbox and the S3 console
// show one: the folder's name, files done of all, bytes sent of all, one progress bar and the
// state (uploading, done, n failed, cancelled, unfinished). Cancel stops every file of the folder
// still waiting or going; "Retry failed" sends its failed files again; once it has settled with
// failures, the whole line can be removed from the list. After a reload its unfinished large files
// come back under it, and "Choose folder" gives them their files again at once. The line opens to
// its files, each shown as a single upload is (upload-panel.js), the failed ones first.
import { h } from './dom.js';
import { icons } from './icons.js';
import { baseName, formatSize } from './format.js';

const ACTIVE = ['queued', 'uploading', 'waiting'];
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The uploads of one folder ("photos/trip/", where it goes in the bucket). */
export class UploadGroup {
  /** id: tells two uploads of the same folder apart, in the records of resumable uploads (upload.js). */
  constructor(prefix, id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`) {
    this.prefix = prefix;
    this.id = id;
    this.items = [];
    this.cancelled = false; // Cancel was pressed: the files it stopped make the folder "cancelled", not "done"
  }

  get name() {
    return baseName(this.prefix);
  }

  /** Counts and bytes; an empty folder's marker is uploaded with the rest but is not a file. */
  get tally() {
    const t = { files: 0, done: 0, failed: 0, cancelled: 0, unfinished: 0, markers: 0, sent: 0, total: 0 };
    for (const u of this.items) {
      if (u.state === 'failed') t.failed++;
      if (u.state === 'needs-file') t.unfinished++;
      if (u.state === 'cancelled') t.cancelled++;
      if (u.key.endsWith('/')) {
        t.markers++;
        continue;
      }
      t.files++;
      t.total += u.total;
      if (u.state === 'done') {
        t.done++;
        t.sent += u.total;
      } else if (ACTIVE.includes(u.state) || u.state === 'needs-file') t.sent += u.loaded; // a refused or stopped file's bytes are not counted as sent
    }
    return t;
  }

  get state() {
    if (this.items.some((u) => u.state === 'uploading')) return 'uploading';
    if (this.items.some((u) => u.state === 'waiting')) return 'waiting';
    if (this.items.some((u) => u.state === 'queued')) return 'uploading';
    if (this.items.some((u) => u.state === 'needs-file')) return 'needs-file';
    if (this.cancelled) return 'cancelled';
    return this.items.some((u) => u.state === 'failed') ? 'failed' : 'done';
  }

  /** Stops every file not uploaded yet (aborting what the server holds of them); `unfinished`: those waiting for their file too. */
  cancel(unfinished = false) {
    const going = this.items.filter((u) => ACTIVE.includes(u.state) || (unfinished && u.state === 'needs-file'));
    if (going.length) this.cancelled = true; // a folder already settled stays as it ended
    for (const u of going) u.cancel();
  }

  /**
   * The files to send again: the failed ones, refused ones too — a person presses this after
   * changing what refused them (a bucket policy, say); one file's own Retry is offered only where
   * a second try may pass (errors.js) — and those a Cancel stopped.
   */
  retryable() {
    this.cancelled = false;
    return this.items.filter((u) => u.state === 'failed' || u.state === 'cancelled');
  }
}

/** The line of one folder upload in the panel, with its files' lines under it (hidden until opened). */
export class GroupLine {
  constructor(group, { onRetry, onRemove, onPick }) {
    this.group = group;
    const name = group.name;
    const parent = group.prefix.slice(0, group.prefix.length - name.length - 1);
    this.bar = h('div', { class: 'bar-fill' });
    this.progress = h('div', { class: 'bar', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-label': `Upload of folder ${name}` }, this.bar);
    this.status = h('span', { class: 'upload-percent' });
    this.detail = h('span', { class: 'upload-detail' });
    this.actions = h('span', { class: 'upload-actions' });
    this.files = h('ul', { class: 'group-files', hidden: true, 'aria-label': `Files of ${name}` });
    this.toggle = h('button', { type: 'button', class: 'icon-button group-toggle', 'aria-expanded': 'false', 'aria-label': `Show the files of ${name}`,
      title: 'Show the files', html: icons.chevron, onclick: () => this.open(this.files.hidden) });
    this.cancelButton = h('button', { type: 'button', class: 'icon-button', 'aria-label': `Cancel upload of folder ${name}`,
      title: 'Cancel every file not uploaded yet', html: icons.close, onclick: () => group.cancel() });
    this.retryButton = h('button', { type: 'button', class: 'button small', onclick: () => onRetry(group) }, h('span', { class: 'button-icon', html: icons.retry }), h('span', {}));
    this.removeButton = h('button', { type: 'button', class: 'icon-button', 'aria-label': `Remove folder ${name} from the list`,
      title: 'Remove from the list', html: icons.close, onclick: () => onRemove(group) });
    this.pickButton = h('button', { type: 'button', class: 'button small', 'aria-label': `Choose the folder ${name} again to resume its files`,
      onclick: () => onPick(group) }, 'Choose folder');
    this.abortButton = h('button', { type: 'button', class: 'icon-button', 'aria-label': `Abort the unfinished files of folder ${name}`,
      title: 'Abort', html: icons.close, onclick: () => group.cancel(true) });
    this.el = h('li', { class: 'upload-group', 'data-group': group.prefix },
      h('div', { class: 'upload-line' }, this.toggle,
        h('span', { class: 'upload-name', title: group.prefix }, h('span', { class: 'group-icon', html: icons.folder }),
          parent ? h('span', { class: 'upload-folder' }, parent) : null, h('span', { class: 'upload-base' }, name)),
        this.status, this.actions),
      this.progress, this.detail, this.files);
  }

  open(on) {
    this.files.hidden = !on;
    this.toggle.setAttribute('aria-expanded', String(on));
    this.toggle.setAttribute('aria-label', `${on ? 'Hide' : 'Show'} the files of ${this.group.name}`);
    this.toggle.title = on ? 'Hide the files' : 'Show the files';
  }

  /** Puts a file's line under this one: one that fails moves up among the failed ones (in key order), one retried back to the end. */
  place(row, was, now) {
    if (now === 'failed' && (was !== 'failed' || !row.isConnected)) {
      this.files.insertBefore(row, [...this.files.children].find((el) => el !== row
        && (el.dataset.state !== 'failed' || el.dataset.key > row.dataset.key)) || null); // among the failed, in key order: six go at once, so they fail in any order
    } else if (!row.isConnected || (was === 'failed' && now !== 'failed')) this.files.append(row);
  }

  render() {
    const g = this.group;
    const t = g.tally;
    const state = g.state;
    const percent = t.total ? Math.floor((t.sent / t.total) * 100) : t.files ? Math.floor((t.done / t.files) * 100) : state === 'done' ? 100 : 0;
    this.el.dataset.state = state;
    this.bar.style.width = percent + '%';
    this.progress.setAttribute('aria-valuenow', String(percent));
    this.status.textContent = { failed: `${t.failed} failed`, cancelled: 'Cancelled', done: 'Done', 'needs-file': 'Unfinished' }[state] || percent + '%';
    const counted = t.files ? `${t.done} of ${plural(t.files, 'file')}` : plural(t.markers, 'empty folder');
    const bytes = state === 'done' ? formatSize(t.total) : `${formatSize(t.sent)} of ${formatSize(t.total)}`;
    const also = [t.failed && state !== 'failed' ? `${t.failed} failed` : '', t.cancelled ? `${t.cancelled} cancelled` : '',
      state === 'waiting' ? 'the server cannot be reached: trying again by itself' : '',
      state === 'needs-file' ? `${plural(t.unfinished, 'file')} to resume: choose “${g.name}” again to go on` : ''].filter(Boolean);
    const detail = [counted, t.files ? bytes : '', ...also].filter(Boolean).join(' · ');
    if (this.detail.textContent !== detail) this.detail.textContent = detail;
    const wanted = ACTIVE.includes(state) ? 'cancel' : state === 'needs-file' ? 'pick' : t.failed || t.cancelled ? 'retry' : '';
    if (this.actions.dataset.kind !== wanted) {
      this.actions.dataset.kind = wanted;
      if (this.actions.contains(document.activeElement)) { // its button is replaced (Retry failed → Cancel): the line keeps the focus
        this.el.tabIndex = -1;
        this.el.focus();
      }
      this.actions.replaceChildren(...{ cancel: [this.cancelButton], pick: [this.pickButton, this.abortButton],
        retry: [this.retryButton, this.removeButton] }[wanted] || []);
    }
    if (wanted === 'retry') {
      const label = t.failed ? 'Retry failed' : 'Retry';
      this.retryButton.lastChild.textContent = label;
      this.retryButton.setAttribute('aria-label', `${t.failed ? 'Retry the failed files' : 'Retry the cancelled files'} of ${g.name}`);
    }
  }
}
