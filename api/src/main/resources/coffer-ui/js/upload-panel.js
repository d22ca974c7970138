// The upload panel: one line per file with a progress bar, percent, speed, time left, and
// Cancel or Retry; the header sums them up and can be collapsed.
import { clear, h } from './dom.js';
import { icons } from './icons.js';
import { baseName, formatDuration, formatSize } from './format.js';
import { describe } from './errors.js';
import { UploadQueue } from './upload.js';

export class UploadPanel {
  constructor(ctx, element) {
    this.ctx = ctx;
    this.element = element;
    this.rows = new Map();
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
  }

  add(bucket, entries) {
    this.element.hidden = false;
    this.element.classList.remove('collapsed');
    this.queue.add(this.ctx.client, bucket, entries);
  }

  cancelAll() {
    for (const u of this.queue.items) u.cancel();
  }

  collapse() {
    const collapsed = this.element.classList.toggle('collapsed');
    this.toggle.textContent = collapsed ? 'Show' : 'Hide';
    this.toggle.setAttribute('aria-expanded', String(!collapsed));
  }

  clearFinished() {
    this.queue.clearFinished();
    for (const [u, row] of this.rows) {
      if (!this.queue.items.includes(u)) {
        row.el.remove();
        this.rows.delete(u);
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
    row.el = h('li', { class: 'upload', 'data-key': u.key },
      h('div', { class: 'upload-line' }, h('span', { class: 'upload-name', title: u.key }, baseName(u.key)), row.percent, row.actions),
      row.progress,
      row.detail);
    this.rows.set(u, row);
    this.list.append(row.el);
    return row;
  }

  update(u) {
    const row = this.row(u);
    const percent = u.percent;
    row.el.dataset.state = u.state;
    row.bar.style.width = percent + '%';
    row.progress.setAttribute('aria-valuenow', String(percent));
    row.percent.textContent = percent + '%';
    const size = `${formatSize(u.loaded)} of ${formatSize(u.total)}`;
    const detail = {
      queued: `Waiting · ${formatSize(u.total)}`,
      uploading: u.speed > 0 ? `${size} · ${formatSize(u.speed)}/s · ${formatDuration((u.total - u.loaded) / u.speed)} left` : size,
      done: `Uploaded · ${formatSize(u.total)}`,
      failed: u.error ? describe(u.error) : 'Failed.',
      cancelled: 'Cancelled.',
    }[u.state];
    if (row.detail.textContent !== detail) row.detail.textContent = detail;
    const wanted = u.state === 'uploading' || u.state === 'queued' ? 'cancel' : u.state === 'failed' || u.state === 'cancelled' ? 'retry' : '';
    if (row.actions.dataset.kind !== wanted) {
      row.actions.dataset.kind = wanted;
      clear(row.actions);
      if (wanted === 'cancel') row.actions.append(h('button', { type: 'button', class: 'icon-button', 'aria-label': `Cancel upload of ${baseName(u.key)}`, title: 'Cancel', html: icons.close, onclick: () => u.cancel() }));
      if (wanted === 'retry') row.actions.append(h('button', { type: 'button', class: 'button small', 'aria-label': `Retry upload of ${baseName(u.key)}`, onclick: () => this.queue.retry(u) }, h('span', { class: 'button-icon', html: icons.retry }), 'Retry'));
    }
    this.updateSummary();
  }

  updateSummary() {
    const items = this.queue.items;
    const done = items.filter((u) => u.state === 'done').length;
    const failed = items.filter((u) => u.state === 'failed').length;
    this.summary.textContent = `Uploads · ${done} of ${items.length} done` + (failed ? ` · ${failed} failed` : '');
    clearTimeout(this.collapseTimer);
    const settled = items.every((u) => u.state === 'done' || u.state === 'cancelled');
    if (items.length && settled && !this.element.classList.contains('collapsed')) {
      this.collapseTimer = setTimeout(() => this.collapse(), 4000); // nothing left to watch: keep just the summary
    }
  }
}
