// The frame of a bucket page that lists things in a table (recently deleted, unfinished uploads):
// a heading with the way back to the files, a lead paragraph, a status line and the table, which
// stacks into cards on a phone (.stack-table).
import { clear, h } from './dom.js';
import { icons } from './icons.js';

export class TablePage {
  constructor(ctx, bucket, prefix = '') {
    Object.assign(this, { ctx, bucket, prefix });
    this.abort = new AbortController();
  }

  hide() {
    this.abort.abort();
  }

  /** columns: [name, label, numeric?]; the first is the row's heading, an actions column follows. */
  frame({ kind, label, title, lead, loading, columns }) {
    this.status = h('p', { class: 'muted', role: 'status' }, loading);
    this.body = h('tbody', {});
    this.table = h('table', { class: `table stack-table ${kind}-table`, hidden: true },
      h('thead', {}, h('tr', {}, columns.map(([text, numeric]) => h('th', { scope: 'col', class: numeric ? 'num' : null }, text)),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
      this.body);
    clear(this.ctx.main).append(h('section', { class: `view ${kind}-view`, 'aria-label': label },
      h('div', { class: 'view-head' },
        h('h1', {}, title),
        h('a', { class: 'button', href: this.ctx.hrefFor(this.bucket, this.prefix) }, h('span', { class: 'button-icon', html: icons.folder }), h('span', { class: 'label' }, 'Back to the files'))),
      h('p', { class: 'muted lead' }, lead),
      this.status, this.table));
  }
}
