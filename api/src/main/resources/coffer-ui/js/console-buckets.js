// Bucket settings: pick a bucket, then one card per S3 sub-resource (console-bucket-forms.js),
// each read with GET and written with PUT (or DELETE) on its own, with S3's refusal beside it.
import { clear, h } from './dom.js';
import { confirmAction } from './dialogs.js';
import { consoleHref, refusal, statusLine } from './console-ui.js';
import { FORMS } from './console-bucket-forms.js';

export class BucketSettingsSection {
  constructor(ctx, body, bucket) {
    this.ctx = ctx;
    this.body = body;
    this.bucket = bucket;
  }

  async show() {
    if (!this.bucket) return this.showList();
    clear(this.body).append(
      h('p', {}, h('a', { href: consoleHref('buckets') }, '← All buckets')),
      h('h2', { class: 'console-h2', id: 'settings-title' }, `Settings of ${this.bucket}`),
      h('nav', { class: 'chips', 'aria-label': 'Settings' }, FORMS.map((f) => h('a', { href: '#', onclick: (e) => {
        e.preventDefault();
        document.getElementById('cfg-' + f.id).scrollIntoView({ behavior: 'smooth', block: 'start' });
      } }, f.title))));
    const cards = FORMS.map((form) => {
      const card = h('section', { class: 'card', id: 'cfg-' + form.id, 'aria-labelledby': 'cfg-' + form.id + '-title' },
        h('h3', { id: 'cfg-' + form.id + '-title' }, form.title), h('p', { class: 'muted small' }, form.help),
        h('p', { class: 'muted' }, 'Loading…'));
      this.body.append(card);
      return [form, card];
    });
    await Promise.all(cards.map(([form, card]) => this.load(form, card)));
  }

  async showList() {
    const buckets = await this.ctx.client.listBuckets();
    clear(this.body).append(h('p', { class: 'muted' }, 'Versioning, Object Lock, lifecycle, CORS, policy, Block Public Access, tags, encryption and notifications of each bucket.'),
      buckets.length ? h('ul', { class: 'console-list', id: 'settings-buckets' }, buckets.map((b) => h('li', { 'data-bucket': b.name },
        h('a', { href: consoleHref('buckets', b.name) }, b.name))))
        : h('p', { class: 'muted' }, 'No buckets yet.'));
  }

  async load(form, card) {
    const status = statusLine(`cfg-${form.id}-status`);
    let current;
    try {
      current = await this.ctx.api.getBucketConfig(this.bucket, form.sub);
    } catch (e) {
      clear(card).append(h('h3', {}, form.title), refusal(e, `read the ${form.title.toLowerCase()} of this bucket`));
      return;
    }
    const view = form.render(current, this.bucket);
    const head = [h('h3', { id: 'cfg-' + form.id + '-title' }, form.title), h('p', { class: 'muted small' }, form.help)];
    if (!view) {
      clear(card).append(...head, h('p', { class: 'muted', id: `cfg-${form.id}-missing` }, form.missing));
      return;
    }
    const save = async () => {
      status.reset();
      let body;
      try {
        body = view.body();
      } catch (e) {
        status.fail(e);
        return;
      }
      try {
        if (body == null) {
          if (!form.deletable) return;
          await this.ctx.api.deleteBucketConfig(this.bucket, form.sub);
        } else {
          await this.ctx.api.putBucketConfig(this.bucket, form.sub, body);
        }
        // Shows what the server now holds, read back with GET.
        await this.load(form, card);
        card.querySelector(`#cfg-${form.id}-status`).ok(body == null ? 'Removed.' : 'Saved.');
      } catch (e) {
        status.fail(e);
      }
    };
    const remove = form.deletable ? h('button', { type: 'button', class: 'button danger-outline', id: `cfg-${form.id}-delete`, onclick: async () => {
      if (!(await confirmAction({ title: `Remove ${form.title.toLowerCase()}`, confirmLabel: 'Remove', message: `The ${form.title.toLowerCase()} of ${this.bucket} will be removed.` }))) return;
      try {
        await this.ctx.api.deleteBucketConfig(this.bucket, form.sub);
        await this.load(form, card);
        card.querySelector(`#cfg-${form.id}-status`).ok('Removed.');
      } catch (e) {
        status.fail(e);
      }
    } }, 'Remove') : null;
    clear(card).append(...head, view.element,
      h('div', { class: 'card-actions' }, h('button', { type: 'button', class: 'button primary', id: `cfg-${form.id}-save`, onclick: save }, view.saveLabel || 'Save'), remove),
      status);
  }
}

