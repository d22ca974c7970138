// Share links signed by a dedicated key, not by the signed-in one: the IAM user coffer-share-links
// of the signed-in account, whose only permission is s3:GetObject, made on the first share. Its
// access key signs every link; deleting its keys on the server revokes every link at once. The
// key's secret and the list of links made here are kept in this browser's local storage (the
// drive's origin, which serves no stored file); the revocation itself is the server's.
import { clear, h } from './dom.js';
import { formatDate } from './format.js';
import { confirmAction, toast } from './dialogs.js';
import { Credentials } from './session.js';
import { S3Client } from './s3-client.js';
import { ConsoleApi, explain, first, isDenied } from './console-api.js';
import { refusal, statusLine } from './console-ui.js';

export const SHARE_USER = 'coffer-share-links';
const POLICY_NAME = 'get-objects-only';
const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'ShareLinksReadObjectsOnly', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::*/*' }] });
const LINKS_KEY = 'coffer.console.share-links';
const keyStore = (arn) => 'coffer.console.share-key.' + arn;

function readJson(name, fallback) {
  try {
    return JSON.parse(localStorage.getItem(name) || 'null') || fallback;
  } catch {
    return fallback;
  }
}

/** Links made in this browser, newest first: {bucket, key, url, created, expires, accessKeyId, account}. */
export function storedLinks() {
  return readJson(LINKS_KEY, []).filter((l) => Date.parse(l.expires) > Date.now());
}

export function rememberLink(link) {
  localStorage.setItem(LINKS_KEY, JSON.stringify([link, ...storedLinks()].slice(0, 200)));
}

function forgetLinks(arn) {
  localStorage.setItem(LINKS_KEY, JSON.stringify(storedLinks().filter((l) => l.user !== arn)));
}

/** The share user of the signed-in account, made (with its policy) when missing; resolves to its ARN. */
async function shareUser(api) {
  try {
    return first(await api.iam('GetUser', { UserName: SHARE_USER }), 'Arn');
  } catch (e) {
    if (e.code !== 'NoSuchEntity') throw e;
  }
  const created = await api.iam('CreateUser', { UserName: SHARE_USER });
  await api.iam('PutUserPolicy', { UserName: SHARE_USER, PolicyName: POLICY_NAME, PolicyDocument: POLICY });
  return first(created, 'Arn');
}

/**
 * A client that signs with the share user's key, making the user or a key when needed; or, when
 * the signed-in key may not manage that user, the signed-in client with `dedicated: false` and why;
 * or, when that user already has the two keys IAM allows, `full: true`, and the caller signs nothing.
 */
export async function shareSigner(ctx) {
  const api = new ConsoleApi(ctx.client);
  try {
    const arn = await shareUser(api);
    const active = (await api.iamAll('ListAccessKeys', 'AccessKeyMetadata', { UserName: SHARE_USER })).filter((k) => k.Status === 'Active');
    let kept = readJson(keyStore(arn), null);
    if (!kept || !active.some((k) => k.AccessKeyId === kept.accessKeyId)) {
      const made = await api.iam('CreateAccessKey', { UserName: SHARE_USER });
      kept = { accessKeyId: first(made, 'AccessKeyId'), secret: first(made, 'SecretAccessKey') };
      localStorage.setItem(keyStore(arn), JSON.stringify(kept));
    }
    const credentials = await Credentials.derive(kept.accessKeyId, kept.secret, ctx.client.credentials.region);
    const client = new S3Client(credentials, ctx.client.origin);
    client.clockOffset = ctx.client.clockOffset;
    return { client, dedicated: true, user: arn };
  } catch (e) {
    if (!isDenied(e) && e.code !== 'LimitExceeded') throw e;
    return { client: ctx.client, dedicated: false, user: null, why: explain(e), full: e.code === 'LimitExceeded' };
  }
}

/** Revokes every link of the share user: deletes all its access keys on the server. Resolves to how many. */
export async function revokeAll(api) {
  const arn = await shareUser(api);
  const keys = await api.iamAll('ListAccessKeys', 'AccessKeyMetadata', { UserName: SHARE_USER });
  for (const k of keys) await api.iam('DeleteAccessKey', { UserName: SHARE_USER, AccessKeyId: k.AccessKeyId });
  localStorage.removeItem(keyStore(arn));
  forgetLinks(arn);
  return keys.length;
}

export class ShareLinksSection {
  constructor(ctx, body) {
    this.ctx = ctx;
    this.body = body;
  }

  async show() {
    const api = this.ctx.api;
    let keys = null;
    let problem = null;
    try {
      await api.iam('GetUser', { UserName: SHARE_USER });
      keys = await api.iamAll('ListAccessKeys', 'AccessKeyMetadata', { UserName: SHARE_USER });
    } catch (e) {
      if (e.code !== 'NoSuchEntity') problem = e;
    }
    const links = storedLinks();
    const status = statusLine('revoke-status');
    clear(this.body).append(
      h('div', { class: 'form-message info' },
        h('p', {}, `Share links are signed by the IAM user ${SHARE_USER}, whose only permission is s3:GetObject — never by your own key. `
          + 'Revoking deletes that user\u2019s access keys on the server: every link made with them stops working at once (403), wherever it was sent. '
          + 'The next share makes a new key.'),
        h('p', { class: 'small' }, 'The list below is kept in this browser\u2019s local storage only: links made in another browser are not listed here, but they are revoked too.')),
      problem ? refusal(problem, 'manage the share-link user') : h('p', { class: 'muted', id: 'share-user-state' },
        keys == null ? `No ${SHARE_USER} user yet: the first share makes it.`
          : `${SHARE_USER}: ${keys.filter((k) => k.Status === 'Active').length} active key(s) ${keys.map((k) => k.AccessKeyId).join(', ')}.`),
      h('div', { class: 'subbar' }, h('button', { type: 'button', class: 'button danger', id: 'revoke-all', disabled: !keys || !keys.length, onclick: async () => {
        if (!(await confirmAction({ title: 'Revoke all share links', confirmLabel: 'Revoke all links',
          message: `Every link signed by ${SHARE_USER} stops working now, including links made in other browsers. This cannot be undone.` }))) return;
        try {
          const n = await revokeAll(api);
          toast(`Revoked: ${n} key(s) of ${SHARE_USER} deleted on the server.`, 'success');
          await this.show();
        } catch (e) {
          status.fail(e);
        }
      } }, 'Revoke all links'), status),
      h('h2', { class: 'console-h2' }, 'Active links made in this browser'),
      links.length ? h('table', { class: 'table console-table', id: 'share-links-table' },
        h('thead', {}, h('tr', {}, ['File', 'Signed by', 'Made', 'Expires', ''].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, links.map((l) => h('tr', { 'data-link': l.bucket + '/' + l.key },
          h('th', { scope: 'row', class: 'mono' }, `${l.bucket}/${l.key}`),
          h('td', { 'data-label': 'Signed by', class: 'mono' }, l.dedicated ? `${SHARE_USER} (${l.accessKeyId})` : `your key ${l.accessKeyId}`),
          h('td', { 'data-label': 'Made' }, formatDate(l.created)),
          h('td', { 'data-label': 'Expires' }, formatDate(l.expires)),
          h('td', { class: 'actions' }, h('a', { class: 'button small', href: l.url, target: '_blank', rel: 'noopener noreferrer' }, 'Open'))))))
        : h('p', { class: 'muted', id: 'no-share-links' }, 'No active links made in this browser.'));
  }
}
