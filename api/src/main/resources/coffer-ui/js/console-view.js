// The admin console, inside the drive at #/_console/<section>[/<name>] (bucket names cannot start
// with '_', so no bucket's hash collides): storage overview, users and keys, managed policies,
// accounts, bucket settings and share links. Each section calls the server with the signed-in
// key; what that key may do is the server's Authorizer's to decide, and a refusal is shown as the
// server worded it — the console hides nothing by guessing.
import { clear, h } from './dom.js';
import { ConsoleApi } from './console-api.js';
import { consoleHref, refusal } from './console-ui.js';
import { OverviewSection } from './console-overview.js';
import { UsersSection } from './console-users.js';
import { PoliciesSection } from './console-policies.js';
import { AccountsSection } from './console-accounts.js';
import { BucketSettingsSection } from './console-buckets.js';
import { ShareLinksSection } from './console-share-links.js';


export const SECTIONS = [
  ['overview', 'Overview', OverviewSection],
  ['users', 'Users & keys', UsersSection],
  ['policies', 'Policies', PoliciesSection],
  ['accounts', 'Accounts', AccountsSection],
  ['buckets', 'Bucket settings', BucketSettingsSection],
  ['shares', 'Share links', ShareLinksSection],
];

export class ConsoleView {
  /** `path`: what follows #/_console/, e.g. "users/alice". */
  constructor(ctx, path) {
    this.ctx = ctx;
    const [section, ...rest] = path.split('/').filter(Boolean);
    this.section = SECTIONS.find((s) => s[0] === section) ? section : 'overview';
    this.name = rest.length ? rest.join('/') : null;
    this.api = new ConsoleApi(ctx.client);
    this.abort = new AbortController();
  }

  hide() {
    this.abort.abort();
    if (this.current && this.current.hide) this.current.hide();
  }

  show() {
    const nav = h('nav', { class: 'console-nav', 'aria-label': 'Console sections' },
      SECTIONS.map(([id, label]) => h('a', { href: consoleHref(id), id: 'console-tab-' + id,
        'aria-current': id === this.section ? 'page' : null }, label)));
    const body = h('div', { class: 'console-body' });
    clear(this.ctx.main).append(h('section', { class: 'view console-view' },
      h('div', { class: 'view-head' }, h('h1', {}, 'Console')), nav, body));
    // On a phone the tabs scroll sideways: keep the current one in sight.
    const here = nav.querySelector('[aria-current]');
    if (here) nav.scrollLeft = here.offsetLeft - nav.offsetLeft - (nav.clientWidth - here.offsetWidth) / 2;
    const Section = SECTIONS.find((s) => s[0] === this.section)[2];
    this.current = new Section({ ...this.ctx, api: this.api, signal: this.abort.signal }, body, this.name);
    this.current.show().catch((e) => {
      if (!this.abort.signal.aborted) clear(body).append(refusal(e, 'open this section'));
    });
  }
}
