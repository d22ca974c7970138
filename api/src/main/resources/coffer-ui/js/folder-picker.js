// A folder picker for Move: browses the bucket's folders (ListObjectsV2 with the '/' delimiter,
// page by page), with a path bar to go back up and a new-folder field; resolves to the chosen
// folder prefix ('' for the top of the bucket) or null. The folders being moved (and everything
// under them) cannot be chosen.
import { h } from './dom.js';
import { icons } from './icons.js';
import { baseName, formatCount } from './format.js';
import { openDialog } from './dialogs.js';

export function pickFolder(ctx, bucket, { title, start = '', confirmLabel = 'Move here', excluded = [], note = null }) {
  let at = start;
  let dialogClose = null;
  const path = h('nav', { class: 'picker-path', 'aria-label': 'Folder path' });
  const list = h('ul', { class: 'picker-list', id: 'folder-picker', 'aria-label': 'Folders' });
  const status = h('p', { class: 'muted small', role: 'status' });
  const here = h('p', { class: 'picker-here' });
  const blocked = (prefix) => excluded.some((f) => prefix.startsWith(f));
  let generation = 0;

  async function go(prefix) {
    at = prefix;
    const mine = ++generation;
    path.replaceChildren(...crumbs(prefix));
    here.replaceChildren('Move to ', h('strong', {}, prefix ? prefix.replace(/\/$/, '') : `${bucket} (top level)`));
    const confirm = dialogClose && document.querySelector('#picker-confirm');
    if (confirm) confirm.disabled = blocked(prefix);
    list.replaceChildren();
    status.textContent = 'Loading folders…';
    let token = null;
    let count = 0;
    try {
      do {
        const page = await ctx.client.listObjects({ bucket, prefix, token });
        if (mine !== generation) return;
        for (const folder of page.folders) {
          count++;
          const off = blocked(folder);
          list.append(h('li', {}, h('button', { type: 'button', class: 'picker-folder', 'data-prefix': folder, disabled: off,
            title: off ? 'A folder cannot be moved into itself' : null, onclick: () => go(folder) },
          h('span', { class: 'row-icon folder', html: icons.folder }), h('span', {}, baseName(folder)), h('span', { class: 'chev', html: icons.chevron }))));
        }
        token = page.next;
      } while (token && count < 5000);
      status.textContent = count ? `${formatCount(count)} folder${count === 1 ? '' : 's'}` : '';
      if (!count) list.append(h('li', { class: 'picker-empty muted' }, 'No folders inside this one.'));
    } catch (e) {
      if (mine === generation) status.textContent = 'The folders could not be listed.';
      ctx.reportError(e);
    }
  }

  function crumbs(prefix) {
    const parts = prefix.split('/').filter(Boolean);
    const out = [h('button', { type: 'button', class: 'link-button', onclick: () => go('') }, bucket)];
    let acc = '';
    for (const part of parts) {
      acc += part + '/';
      const target = acc;
      out.push(h('span', { class: 'muted', 'aria-hidden': 'true' }, ' / '), h('button', { type: 'button', class: 'link-button', onclick: () => go(target) }, part));
    }
    return out;
  }

  const newName = h('input', { class: 'input', id: 'picker-new-folder', placeholder: 'New folder name', 'aria-label': 'New folder name', autocomplete: 'off', spellcheck: 'false' });
  const addFolder = () => {
    const name = newName.value.trim().replace(/^\/+|\/+$/g, '');
    if (!name || name.includes('//')) return;
    newName.value = '';
    go(at + name + '/'); // made by the move itself: S3 has no folders of its own
  };
  newName.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); addFolder(); } });
  const body = h('div', { class: 'picker' }, path, list, status,
    h('div', { class: 'picker-new' }, newName, h('button', { type: 'button', class: 'button', onclick: addFolder }, 'Open new folder')), here,
    note ? h('p', { class: 'hint dialog-note' }, note) : null);
  const result = openDialog({
    title, body,
    actions: [{ label: 'Cancel', value: null }, { label: confirmLabel, value: 'ok', kind: 'primary' }],
    onOpen: (dialog, close) => {
      dialogClose = close;
      const confirm = dialog.querySelector('.dialog-actions .button.primary');
      confirm.id = 'picker-confirm';
      go(at);
    },
  });
  return result.then((v) => (v === 'ok' && !blocked(at) ? at : null));
}
