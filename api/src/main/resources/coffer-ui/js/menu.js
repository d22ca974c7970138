// A popup menu (the row's ⋯ menu and the right-click menu): role=menu with menuitems, placed at
// a point and kept inside the window; arrows, Home/End move, Enter/Space choose, Escape, Tab, a
// click outside or a scroll close it, and focus goes back to where it was.
import { h } from './dom.js';

let open = null;

export function closeMenu() {
  if (open) open();
}

/** items: [{ label, icon, onSelect, disabled, danger, id }] or '-' for a separator. */
export function showMenu(items, { x, y, alignRight = false, returnFocus, label = 'Actions' }) {
  closeMenu();
  const buttons = [];
  const menu = h('div', { class: 'menu', role: 'menu', id: 'context-menu', 'aria-label': label, tabindex: '-1' },
    items.map((item) => {
      if (item === '-') return h('div', { class: 'menu-separator', role: 'separator' });
      const button = h('button', { type: 'button', role: 'menuitem', class: 'menu-item' + (item.danger ? ' danger' : ''), tabindex: '-1',
        'data-action': item.id, disabled: item.disabled, onclick: () => { close(); item.onSelect(); } },
      h('span', { class: 'button-icon', html: item.icon || '' }), h('span', {}, item.label));
      buttons.push(button);
      return button;
    }));
  const enabled = () => buttons.filter((b) => !b.disabled);
  const move = (delta) => {
    const list = enabled();
    const at = list.indexOf(document.activeElement);
    list[(at + delta + list.length) % list.length]?.focus();
  };
  const onKey = (e) => {
    const keys = { ArrowDown: () => move(1), ArrowUp: () => move(-1), Home: () => enabled()[0]?.focus(), End: () => enabled().at(-1)?.focus(),
      Escape: () => close(), Tab: () => close() };
    if (!keys[e.key]) return;
    e.preventDefault();
    e.stopPropagation();
    keys[e.key]();
  };
  const onOutside = (e) => { if (!menu.contains(e.target)) close(); };
  const onScroll = () => close();
  function close() {
    if (open !== close) return;
    open = null;
    menu.remove();
    document.removeEventListener('pointerdown', onOutside, true);
    window.removeEventListener('scroll', onScroll);
    window.removeEventListener('resize', onScroll);
    if (returnFocus && returnFocus.isConnected && menu.contains(document.activeElement) === false) returnFocus.focus({ preventScroll: true });
  }
  menu.addEventListener('keydown', onKey);
  document.body.append(menu);
  const r = menu.getBoundingClientRect();
  const left = Math.max(8, Math.min((alignRight ? x - r.width : x), window.innerWidth - r.width - 8));
  const top = y + r.height + 8 > window.innerHeight ? Math.max(8, y - r.height) : y;
  menu.style.left = left + 'px';
  menu.style.top = top + 'px';
  open = close;
  setTimeout(() => {
    document.addEventListener('pointerdown', onOutside, true);
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll);
  });
  (enabled()[0] || menu).focus({ preventScroll: true });
  return menu;
}
