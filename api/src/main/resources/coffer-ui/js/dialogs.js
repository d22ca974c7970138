// Modal dialogs on <dialog> (Escape closes, focus stays inside) and toasts for outcomes.
import { h } from './dom.js';
import { icons } from './icons.js';

/**
 * Opens a modal; resolves to the value of the action pressed, or null when dismissed (Escape,
 * the close button). An action with `submit: true` is the form's default (Enter).
 */
export function openDialog({ title, body, actions = [], wide = false, onOpen }) {
  return new Promise((resolve) => {
    const form = h('form', { method: 'dialog', class: 'dialog-form' });
    const titleId = 'dlg-' + Math.random().toString(36).slice(2);
    const dialog = h('dialog', { class: wide ? 'dialog wide' : 'dialog', 'aria-labelledby': titleId }, form);
    let result = null;
    const close = (value) => {
      result = value;
      dialog.close();
    };
    form.append(
      h('header', { class: 'dialog-head' },
        h('h2', { id: titleId }, title),
        h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close', html: icons.close, onclick: () => close(null) })),
      h('div', { class: 'dialog-body' }, body),
      actions.length ? h('footer', { class: 'dialog-actions' }, actions.map((a) => h('button', {
        type: a.submit ? 'submit' : 'button',
        class: 'button ' + (a.kind || ''),
        'data-value': a.value,
        onclick: (e) => {
          e.preventDefault();
          if (a.validate && !a.validate()) return;
          close(a.value);
        },
      }, a.label))) : null,
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const submit = actions.find((a) => a.submit);
      if (submit && (!submit.validate || submit.validate())) close(submit.value);
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(result);
    });
    document.body.append(dialog);
    dialog.showModal();
    if (onOpen) onOpen(dialog, close);
  });
}

/** Asks to confirm; with `typeToConfirm` the person must type that text first. */
export async function confirmAction({ title, message, confirmLabel, danger = true, typeToConfirm }) {
  const input = typeToConfirm ? h('input', { class: 'input', autocomplete: 'off', 'aria-label': `Type ${typeToConfirm} to confirm` }) : null;
  const body = h('div', {}, h('p', {}, message),
    input ? h('label', { class: 'field' }, h('span', {}, 'Type ', h('strong', {}, typeToConfirm), ' to confirm'), input) : null);
  const value = await openDialog({
    title, body,
    actions: [
      { label: 'Cancel', value: 'cancel' },
      { label: confirmLabel, value: 'ok', kind: danger ? 'danger' : 'primary', submit: true,
        validate: () => !input || input.value === typeToConfirm || (input.setCustomValidity(`Type ${typeToConfirm} exactly`), input.reportValidity(), false) },
    ],
    onOpen: () => (input ? input.focus() : null),
  });
  return value === 'ok';
}

/** Asks for one line of text; resolves to it (trimmed) or null. `note`: a paragraph below the field. */
export async function promptText({ title, label, value = '', confirmLabel, hint, note, validate }) {
  const input = h('input', { class: 'input', value, autocomplete: 'off', spellcheck: 'false', required: true });
  const field = h('label', { class: 'field' }, h('span', {}, label), input, hint ? h('small', { class: 'hint' }, hint) : null);
  const body = note ? h('div', {}, field, h('p', { class: 'hint dialog-note' }, note)) : field;
  const check = () => {
    const problem = input.value.trim() === '' ? 'Enter a name.' : validate ? validate(input.value.trim()) : null;
    input.setCustomValidity(problem || '');
    return input.reportValidity();
  };
  input.addEventListener('input', () => input.setCustomValidity(''));
  const result = await openDialog({
    title, body,
    actions: [{ label: 'Cancel', value: 'cancel' }, { label: confirmLabel, value: 'ok', kind: 'primary', submit: true, validate: check }],
    onOpen: () => {
      input.focus();
      const slash = value.lastIndexOf('/') + 1; // a path: the name is selected, typing keeps its folders
      const dot = value.lastIndexOf('.');
      input.setSelectionRange(slash, dot > slash ? dot : value.length);
    },
  });
  return result === 'ok' ? input.value.trim() : null;
}

/** A note for work that may take a while: shown only if it is still running after `afterMs`; call the result when done. */
export function noteIfSlow(message, afterMs = 400) {
  let el = null;
  const timer = setTimeout(() => { el = toast(message, 'info', 0); }, afterMs);
  return () => {
    clearTimeout(timer);
    if (el) el.remove();
  };
}

export function toast(message, kind = 'info', timeout = 5000) {
  const box = document.getElementById('toasts');
  const el = h('div', { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, message,
    h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Dismiss', html: icons.close, onclick: () => el.remove() }));
  box.append(el);
  if (timeout) setTimeout(() => el.remove(), kind === 'error' ? timeout * 2 : timeout);
  return el;
}
