// Share: a presigned GET URL with a chosen lifetime (at most 7 days, S3's limit for SigV4),
// copied to the clipboard and shown for copying by hand. It is signed by the dedicated share-link
// key (console-share-links.js: s3:GetObject only, revocable all at once); when the signed-in key
// may not manage that user (never the root's: a root may), by the signed-in key, and the dialog
// says so; when that user's two keys are held by other browsers, no link is made and it says why. The link points at the S3 endpoint, an
// origin that holds no key; "Open" opens it with noopener, so the page it shows (which may be a
// stored HTML file) gets no handle on the drive's window either.
import { h } from './dom.js';
import { baseName, formatDate } from './format.js';
import { openDialog } from './dialogs.js';
import { MAX_PRESIGN_SECONDS } from './s3-client.js';
import { rememberLink, shareSigner, SHARE_USER } from './console-share-links.js';

const CHOICES = [['3600', '1 hour'], ['21600', '6 hours'], ['86400', '1 day'], ['259200', '3 days'], [String(MAX_PRESIGN_SECONDS), '7 days (the longest)']];

async function copyText(text, input) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    input.select(); // insecure origins have no async clipboard
    return document.execCommand && document.execCommand('copy');
  }
}

export async function share(ctx, bucket, key) {
  const expiry = h('select', { class: 'input', id: 'share-expiry' }, CHOICES.map(([v, label]) => h('option', { value: v, selected: v === '86400' }, label)));
  const output = h('input', { class: 'input mono', id: 'share-link', readonly: true, 'aria-label': 'Share link', placeholder: 'The link appears here' });
  const note = h('p', { class: 'muted', id: 'share-status', role: 'status' }, 'Anyone with the link can download this file until it expires.');
  const open = h('a', { class: 'button', id: 'share-open', target: '_blank', rel: 'noopener noreferrer', hidden: true }, 'Open link');
  const signedBy = h('p', { class: 'muted small', id: 'share-signed-by' });
  let signer = null;
  const create = async () => {
    const seconds = Number(expiry.value);
    try {
      signer = signer || (await shareSigner(ctx));
      if (signer.full) {
        // Never sign with the signed-in key instead: it may be the root's, and a link must be revocable on its own.
        signedBy.textContent = `No link made: the ${SHARE_USER} user already has the two access keys IAM allows, kept by other browsers `
          + `(${signer.why}). "Revoke all links" in Console \u203a Share links frees them (every link made with them stops working); then share again.`;
        signedBy.className = 'form-message error';
        note.textContent = 'No link was made.';
        signer = null;
        return;
      }
      const url = await signer.client.presign(bucket, key, seconds);
      output.value = url;
      open.href = url;
      open.hidden = false;
      const expires = new Date(Date.now() + seconds * 1000).toISOString();
      const until = formatDate(expires);
      rememberLink({ bucket, key, url, created: new Date().toISOString(), expires, accessKeyId: signer.client.credentials.accessKey,
        dedicated: signer.dedicated, user: signer.user });
      note.textContent = (await copyText(url, output)) ? `Link copied to the clipboard. It works until ${until}.` : `Copy the link above. It works until ${until}.`;
      signedBy.textContent = signer.dedicated
        ? `Signed by the share-link key (${SHARE_USER}, read-only): revoke every link at once in Console › Share links.`
        : `Signed with your own key: you may not manage the ${SHARE_USER} user (${signer.why}). Such a link stops working only when your key is deactivated or deleted.`;
      signedBy.className = signer.dedicated ? 'muted small' : 'form-message info';
      output.select();
    } catch (e) {
      ctx.reportError(e);
    }
  };
  const body = h('div', { class: 'stack' },
    h('label', { class: 'field' }, h('span', {}, 'Link expires after'), expiry),
    h('button', { type: 'button', class: 'button primary', id: 'share-create', onclick: create }, 'Create link and copy'),
    output,
    open,
    note,
    signedBy);
  await openDialog({ title: `Share ${baseName(key)}`, body, actions: [{ label: 'Done', value: 'done' }], onOpen: () => expiry.focus() });
}
