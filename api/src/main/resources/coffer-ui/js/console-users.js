// IAM users of the signed-in account: the list, and per user its access keys (create — the secret
// shown once —, deactivate, activate, delete), its inline policies (edit as JSON) and the managed
// policies attached to it. Every call is the IAM API's; its refusals are shown as it words them.
import { clear, h } from './dom.js';
import { formatDate } from './format.js';
import { confirmAction, openDialog, promptText, toast } from './dialogs.js';
import { explain, first } from './console-api.js';
import { consoleHref } from './console-ui.js';
import { editPolicy } from './console-policy-editor.js';

const USER_NAME = /^[\w+=,.@-]{1,64}$/;

async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Shows a new key pair once, with a warning that the secret cannot be shown again. */
export async function showSecretOnce({ title, accessKeyId, secret, note }) {
  const secretBox = h('textarea', { class: 'input code', id: 'new-secret', readonly: true, rows: 2, spellcheck: 'false', 'aria-label': 'Secret access key' });
  secretBox.value = secret;
  const status = h('p', { class: 'muted', role: 'status' });
  await openDialog({ title, body: h('div', { class: 'stack' },
    h('p', { class: 'form-message info' }, h('strong', {}, 'This is the only time the secret is shown. '), note || 'Copy it now: the server keeps it encrypted and never shows it again.'),
    h('label', { class: 'field' }, h('span', {}, 'Access key'), h('input', { class: 'input mono', id: 'new-access-key', readonly: true, value: accessKeyId })),
    h('label', { class: 'field' }, h('span', {}, 'Secret key'), secretBox),
    h('button', { type: 'button', class: 'button', id: 'copy-secret', onclick: async () => {
      status.textContent = (await copy(`${accessKeyId}\n${secret}`)) ? 'Both copied to the clipboard.' : 'Select and copy them by hand.';
      secretBox.select();
    } }, 'Copy both'), status),
  actions: [{ label: 'I have kept the secret', value: 'done', kind: 'primary', submit: true }] });
}

export class UsersSection {
  constructor(ctx, body, name) {
    this.ctx = ctx;
    this.body = body;
    this.name = name;
  }

  show() {
    return this.name ? this.showUser(this.name) : this.showList();
  }

  async showList() {
    const users = await this.ctx.api.iamAll('ListUsers', 'Users');
    clear(this.body).append(
      h('div', { class: 'subbar' },
        h('p', { class: 'muted' }, 'IAM users of this account. A new user may do nothing until a policy allows it.'),
        h('button', { type: 'button', class: 'button primary', id: 'new-user', onclick: () => this.create() }, 'New user')),
      users.length ? h('table', { class: 'table console-table', id: 'users-table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'User'), h('th', { scope: 'col' }, 'Created'), h('th', { scope: 'col' }, 'ARN'))),
        h('tbody', {}, users.map((u) => h('tr', { 'data-user': u.UserName },
          h('th', { scope: 'row' }, h('a', { href: consoleHref('users', u.UserName) }, u.UserName)),
          h('td', { 'data-label': 'Created' }, formatDate(u.CreateDate)),
          h('td', { 'data-label': 'ARN', class: 'mono' }, u.Arn)))))
        : h('p', { class: 'muted', id: 'no-users' }, 'No users yet.'));
  }

  async create() {
    const name = await promptText({ title: 'New user', label: 'User name', confirmLabel: 'Create user',
      hint: 'Up to 64 letters, digits and + = , . @ _ -', validate: (v) => (USER_NAME.test(v) ? null : 'Use up to 64 letters, digits and + = , . @ _ -') });
    if (!name) return;
    try {
      await this.ctx.api.iam('CreateUser', { UserName: name });
      toast(`User ${name} created.`, 'success');
      location.hash = consoleHref('users', name);
    } catch (e) {
      toast(explain(e), 'error');
    }
  }

  async showUser(name) {
    const api = this.ctx.api;
    const user = await api.iam('GetUser', { UserName: name });
    const [keys, inline, attached] = await Promise.all([
      api.iamAll('ListAccessKeys', 'AccessKeyMetadata', { UserName: name }),
      api.iam('ListUserPolicies', { UserName: name }).then((r) => Array.from(r.getElementsByTagNameNS('*', 'member'), (m) => m.textContent)),
      api.iamAll('ListAttachedUserPolicies', 'AttachedPolicies', { UserName: name }),
    ]);
    const act = (fn) => async () => {
      try {
        await fn();
        await this.showUser(name);
      } catch (e) {
        toast(explain(e), 'error');
      }
    };
    clear(this.body).append(
      h('p', {}, h('a', { href: consoleHref('users') }, '← All users')),
      h('div', { class: 'view-head' }, h('h2', { id: 'user-title' }, name),
        h('button', { type: 'button', class: 'button danger-outline', id: 'delete-user', onclick: () => this.remove(name) }, 'Delete user')),
      h('p', { class: 'mono muted' }, first(user, 'Arn')),

      h('h3', {}, 'Access keys'),
      h('p', { class: 'muted small' }, 'At most two per user. A deactivated key is refused at its next request; the secret is shown only when the key is made.'),
      h('ul', { class: 'console-list', id: 'keys-list' }, keys.length ? keys.map((k) => h('li', { 'data-key-id': k.AccessKeyId },
        h('span', { class: 'mono' }, k.AccessKeyId),
        h('span', { class: 'badge ' + (k.Status === 'Active' ? '' : 'off') }, k.Status),
        h('span', { class: 'muted small' }, formatDate(k.CreateDate)),
        h('span', { class: 'list-actions' },
          h('button', { type: 'button', class: 'button small', onclick: act(() => api.iam('UpdateAccessKey', { UserName: name, AccessKeyId: k.AccessKeyId, Status: k.Status === 'Active' ? 'Inactive' : 'Active' })) },
            k.Status === 'Active' ? 'Deactivate' : 'Activate'),
          h('button', { type: 'button', class: 'button small danger-outline', onclick: act(async () => {
            if (await confirmAction({ title: 'Delete access key', confirmLabel: 'Delete key', message: `Key ${k.AccessKeyId} will stop working at once. This cannot be undone.` })) {
              await api.iam('DeleteAccessKey', { UserName: name, AccessKeyId: k.AccessKeyId });
            }
          }) }, 'Delete'))))
        : h('li', { class: 'muted' }, 'No access keys.')),
      h('button', { type: 'button', class: 'button', id: 'create-key', onclick: act(async () => {
        const created = await api.iam('CreateAccessKey', { UserName: name });
        await showSecretOnce({ title: `New access key for ${name}`, accessKeyId: first(created, 'AccessKeyId'), secret: first(created, 'SecretAccessKey') });
      }) }, 'Create access key'),

      h('h3', {}, 'Inline policies'),
      h('ul', { class: 'console-list', id: 'inline-policies' }, inline.length ? inline.map((p) => h('li', { 'data-policy': p },
        h('span', {}, p),
        h('span', { class: 'list-actions' },
          h('button', { type: 'button', class: 'button small', onclick: act(async () => {
            const doc = decodeURIComponent(first(await api.iam('GetUserPolicy', { UserName: name, PolicyName: p }), 'PolicyDocument'));
            await this.editInline(name, p, JSON.stringify(JSON.parse(doc), null, 2));
          }) }, 'Edit'),
          h('button', { type: 'button', class: 'button small danger-outline', onclick: act(() => api.iam('DeleteUserPolicy', { UserName: name, PolicyName: p })) }, 'Remove'))))
        : h('li', { class: 'muted' }, 'No inline policies.')),
      h('button', { type: 'button', class: 'button', id: 'add-inline-policy', onclick: act(() => this.editInline(name, '', '')) }, 'Add inline policy'),

      h('h3', {}, 'Attached managed policies'),
      h('ul', { class: 'console-list', id: 'attached-policies' }, attached.length ? attached.map((p) => h('li', { 'data-policy': p.PolicyName },
        h('span', {}, p.PolicyName), h('span', { class: 'mono muted small' }, p.PolicyArn),
        h('span', { class: 'list-actions' }, h('button', { type: 'button', class: 'button small danger-outline',
          onclick: act(() => api.iam('DetachUserPolicy', { UserName: name, PolicyArn: p.PolicyArn })) }, 'Detach'))))
        : h('li', { class: 'muted' }, 'None attached.')),
      h('button', { type: 'button', class: 'button', id: 'attach-policy', onclick: act(() => this.attach(name, attached)) }, 'Attach a managed policy'));
  }

  editInline(user, policy, value) {
    return editPolicy({ title: policy ? `Edit ${policy}` : `New inline policy for ${user}`, name: policy, value,
      save: (name, doc) => this.ctx.api.iam('PutUserPolicy', { UserName: user, PolicyName: name, PolicyDocument: doc }) });
  }

  async attach(user, attached) {
    const policies = (await this.ctx.api.iamAll('ListPolicies', 'Policies', { Scope: 'Local' }))
      .filter((p) => !attached.some((a) => a.PolicyArn === p.Arn));
    if (!policies.length) {
      toast('No managed policy left to attach. Create one under Policies.', 'info');
      return;
    }
    const select = h('select', { class: 'input', id: 'attach-choice' }, policies.map((p) => h('option', { value: p.Arn }, p.PolicyName)));
    const choice = await openDialog({ title: `Attach a policy to ${user}`, body: h('label', { class: 'field' }, h('span', {}, 'Managed policy'), select),
      actions: [{ label: 'Cancel', value: 'cancel' }, { label: 'Attach', value: 'ok', kind: 'primary', submit: true }] });
    if (choice === 'ok') await this.ctx.api.iam('AttachUserPolicy', { UserName: user, PolicyArn: select.value });
  }

  async remove(name) {
    if (!(await confirmAction({ title: 'Delete user', confirmLabel: 'Delete user', typeToConfirm: name,
      message: `User ${name} will be deleted. IAM refuses while it still has access keys or policies: remove those first.` }))) return;
    try {
      await this.ctx.api.iam('DeleteUser', { UserName: name });
      toast(`User ${name} deleted.`, 'success');
      location.hash = consoleHref('users');
    } catch (e) {
      toast(explain(e), 'error');
    }
  }
}

