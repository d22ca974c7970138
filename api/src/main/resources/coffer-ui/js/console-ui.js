// Pieces every console section uses: links between sections, the box that shows a refusal with
// the server's own code and words, and a status line for "Saved." or the server's error.
import { h } from './dom.js';
import { explain, isDenied } from './console-api.js';

export const CONSOLE = '_console';

/** The topbar's "Console" icon: sliders (a trusted constant, as icons.js holds). */
export const CONSOLE_ICON = '<svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" '
  + 'stroke-linejoin="round" aria-hidden="true"><path d="M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12M20 18h0"/><circle cx="16" cy="6" r="2"/><circle cx="10" cy="12" r="2"/><circle cx="18" cy="18" r="2"/></svg>';

export const consoleHref = (section, name) => '#/' + CONSOLE + '/' + section + (name ? '/' + encodeURIComponent(name) : '');

/** A box saying the server refused, with its code and message; for AccessDenied, what that means here. */
export function refusal(error, what) {
  return h('div', { class: 'console-refusal', role: 'alert' },
    h('strong', {}, isDenied(error) ? `This key may not ${what}.` : `Could not ${what}.`),
    h('p', { class: 'mono' }, explain(error)),
    isDenied(error) ? h('p', { class: 'muted small' }, 'The server decided from the policies of the signed-in key. Sign in with the root key, or ask for a policy that allows it.') : null);
}

/** A section's status line, for "Saved." and the server's refusals. */
export function statusLine(id) {
  const el = h('p', { class: 'console-status', role: 'status', id, hidden: true });
  el.ok = (text) => { el.hidden = false; el.className = 'console-status ok'; el.textContent = text; };
  el.fail = (error) => { el.hidden = false; el.className = 'console-status error'; el.setAttribute('role', 'alert'); el.textContent = explain(error); };
  el.reset = () => { el.hidden = true; el.textContent = ''; };
  return el;
}

