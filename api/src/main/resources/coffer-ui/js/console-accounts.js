// Accounts, for the server's root (/_coffer/admin/accounts, as scripts/coffer-admin.sh calls it):
// list, create (its root key pair shown once), delete (refused while it owns anything).
import { clear, h } from './dom.js';
import { formatDate } from './format.js';
import { confirmAction, promptText, toast } from './dialogs.js';
import { explain } from './console-api.js';
import { refusal } from './console-ui.js';
import { showSecretOnce } from './console-users.js';

const PATH = '/_coffer/admin/accounts';

export class AccountsSection {
  constructor(ctx, body) {
    this.ctx = ctx;
    this.body = body;
  }

  async show() {
    let list;
    try {
      list = (await this.ctx.api.admin('GET', PATH)).accounts;
    } catch (e) {
      clear(this.body).append(refusal(e, 'manage accounts'),
        h('p', { class: 'muted' }, 'Accounts are managed by the server\u2019s root key only; each account\u2019s root manages its own users.'));
      return;
    }
    clear(this.body).append(
      h('div', { class: 'subbar' },
        h('p', { class: 'muted' }, 'Each account owns its buckets, users and policies; one account cannot see another\u2019s buckets.'),
        h('button', { type: 'button', class: 'button primary', id: 'new-account', onclick: () => this.create() }, 'New account')),
      h('table', { class: 'table console-table', id: 'accounts-table' },
        h('thead', {}, h('tr', {}, ['Account', 'Id', 'Created', ''].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, list.map((a) => h('tr', { 'data-account': a.displayName },
          h('th', { scope: 'row' }, a.displayName),
          h('td', { 'data-label': 'Id', class: 'mono' }, a.accountId),
          h('td', { 'data-label': 'Created' }, formatDate(a.created)),
          h('td', { class: 'actions' }, h('button', { type: 'button', class: 'button small danger-outline', onclick: () => this.remove(a) }, 'Delete')))))));
  }

  async create() {
    const name = await promptText({ title: 'New account', label: 'Account name', confirmLabel: 'Create account',
      validate: (v) => (/^[\w+=,.@-]{1,64}$/.test(v) ? null : 'Use up to 64 letters, digits and + = , . @ _ -') });
    if (!name) return;
    try {
      const created = await this.ctx.api.admin('POST', PATH, { name });
      await showSecretOnce({ title: `Root key of account ${name}`, accessKeyId: created.accessKeyId, secret: created.secretAccessKey,
        note: 'It is the account\u2019s root key: whoever holds it manages the account.' });
      await this.show();
    } catch (e) {
      toast(explain(e), 'error');
    }
  }

  async remove(a) {
    if (!(await confirmAction({ title: 'Delete account', confirmLabel: 'Delete account', typeToConfirm: a.displayName,
      message: `Account ${a.displayName} (${a.accountId}) will be deleted. The server refuses while it owns buckets, users or policies.` }))) return;
    try {
      await this.ctx.api.admin('DELETE', `${PATH}/${encodeURIComponent(a.accountId)}`);
      toast('Account deleted.', 'success');
      await this.show();
    } catch (e) {
      toast(explain(e), 'error');
    }
  }
}
