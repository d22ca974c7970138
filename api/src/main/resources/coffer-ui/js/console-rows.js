// A small editor of repeated rows (lifecycle rules, CORS rules, tags, notification targets): each
// row a group of labelled fields, with Add and Remove. Field types: text, number, select, checks
// (several checkboxes, the value an array), lines (a text area, the value an array of lines).
import { h } from './dom.js';

let serial = 0;

function input(field, value, rowId) {
  const id = `${rowId}-${field.name}`;
  if (field.type === 'select') {
    return h('select', { class: 'input', id, 'data-field': field.name }, field.options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
  }
  if (field.type === 'checks') {
    return h('div', { class: 'checks', id, 'data-field': field.name, role: 'group' }, field.options.map((v) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', value: v, checked: (value || []).includes(v) }), h('span', {}, v))));
  }
  if (field.type === 'lines') {
    const area = h('textarea', { class: 'input code', id, rows: 2, 'data-field': field.name, spellcheck: 'false', placeholder: field.placeholder || '' });
    area.value = (value || []).join('\n');
    return area;
  }
  return h('input', { class: 'input', id, 'data-field': field.name, type: field.type === 'number' ? 'number' : 'text', min: field.type === 'number' ? '1' : null,
    value: value == null ? '' : String(value), placeholder: field.placeholder || '', spellcheck: 'false', autocomplete: 'off' });
}

function read(field, el) {
  if (field.type === 'checks') return Array.from(el.querySelectorAll('input:checked'), (c) => c.value);
  if (field.type === 'lines') return el.value.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
  if (field.type === 'number') return el.value.trim() === '' ? null : Number(el.value);
  return el.value.trim();
}

export class RowsEditor {
  /** `fields`: [{name, label, type, options, placeholder}]; `rows`: initial values; `empty`: what no row means. */
  constructor({ id, fields, rows = [], addLabel, empty, blank = {} }) {
    this.id = id;
    this.fields = fields;
    this.blank = blank;
    this.list = h('div', { class: 'rows-editor', id });
    this.emptyNote = h('p', { class: 'muted small' }, empty);
    this.element = h('div', { class: 'stack' }, this.list, this.emptyNote,
      h('button', { type: 'button', class: 'button small', id: id + '-add', onclick: () => this.add(this.blank, true) }, addLabel));
    rows.forEach((r) => this.add(r));
    this.sync();
  }

  add(values, focus = false) {
    const rowId = `${this.id}-${++serial}`;
    const inputs = this.fields.map((f) => [f, input(f, values[f.name], rowId)]);
    const row = h('fieldset', { class: 'row-card', 'data-row': rowId },
      h('div', { class: 'row-fields' }, inputs.map(([f, el]) => (f.type === 'checks'
        ? h('div', { class: 'field' }, h('span', {}, f.label), el)
        : h('label', { class: 'field', for: el.id }, h('span', {}, f.label), el)))),
      h('button', { type: 'button', class: 'button small danger-outline row-remove', onclick: () => { row.remove(); this.sync(); } }, 'Remove'));
    row.read = () => Object.fromEntries(inputs.map(([f, el]) => [f.name, read(f, el)]));
    this.list.append(row);
    this.sync();
    if (focus) inputs[0][1].focus();
  }

  sync() {
    this.emptyNote.hidden = this.list.children.length > 0;
  }

  values() {
    return Array.from(this.list.children, (row) => row.read());
  }
}
