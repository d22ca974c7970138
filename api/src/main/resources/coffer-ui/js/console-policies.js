// Managed policies of the signed-in account (IAM's CreatePolicy, GetPolicyVersion, DeletePolicy):
// listed with how many users each is attached to, viewed, created from AWS's examples.
import { clear, h } from './dom.js';
import { confirmAction, openDialog, toast } from './dialogs.js';
import { explain, first } from './console-api.js';
import { editPolicy } from './console-policy-editor.js';

export class PoliciesSection {
  constructor(ctx, body) {
    this.ctx = ctx;
    this.body = body;
  }

  async show() {
    const policies = await this.ctx.api.iamAll('ListPolicies', 'Policies', { Scope: 'Local' });
    clear(this.body).append(
      h('div', { class: 'subbar' },
        h('p', { class: 'muted' }, 'Managed policies can be attached to several users; a user\u2019s own (inline) policies are on its page.'),
        h('button', { type: 'button', class: 'button primary', id: 'new-policy', onclick: () => this.create() }, 'New policy')),
      policies.length ? h('table', { class: 'table console-table', id: 'policies-table' },
        h('thead', {}, h('tr', {}, ['Policy', 'Attached to', 'ARN', ''].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, policies.map((p) => h('tr', { 'data-policy': p.PolicyName },
          h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link-button', onclick: () => this.view(p) }, p.PolicyName)),
          h('td', { 'data-label': 'Attached to' }, `${p.AttachmentCount || 0} user(s)`),
          h('td', { 'data-label': 'ARN', class: 'mono' }, p.Arn),
          h('td', { class: 'actions' }, h('button', { type: 'button', class: 'button small danger-outline', onclick: () => this.remove(p) }, 'Delete'))))))
        : h('p', { class: 'muted', id: 'no-policies' }, 'No managed policies yet.'));
  }

  async create() {
    const saved = await editPolicy({ title: 'New managed policy', saveLabel: 'Create policy',
      save: (name, doc) => this.ctx.api.iam('CreatePolicy', { PolicyName: name, PolicyDocument: doc }) });
    if (saved) {
      toast('Policy created.', 'success');
      await this.show();
    }
  }

  async view(p) {
    try {
      const version = await this.ctx.api.iam('GetPolicyVersion', { PolicyArn: p.Arn, VersionId: p.DefaultVersionId || 'v1' });
      const doc = JSON.stringify(JSON.parse(decodeURIComponent(first(version, 'Document'))), null, 2);
      await openDialog({ title: p.PolicyName, wide: true, body: h('pre', { class: 'preview-text', id: 'policy-view' }, doc),
        actions: [{ label: 'Close', value: 'close', submit: true }] });
    } catch (e) {
      toast(explain(e), 'error');
    }
  }

  async remove(p) {
    if (!(await confirmAction({ title: 'Delete policy', confirmLabel: 'Delete policy',
      message: `Policy ${p.PolicyName} will be deleted. IAM refuses while it is attached to a user.` }))) return;
    try {
      await this.ctx.api.iam('DeletePolicy', { PolicyArn: p.Arn });
      toast('Policy deleted.', 'success');
      await this.show();
    } catch (e) {
      toast(explain(e), 'error');
    }
  }
}
