// Coffer Drive: sign-in, the shell, and hash routing (#/ for buckets, #/<bucket>/<folder>/… for
// a folder). Views are in buckets-view.js and browser-view.js.
import { $, clear, h } from './dom.js';
import { icons } from './icons.js';
import { Credentials, clear as clearSession, restore, save } from './session.js';
import { S3Client } from './s3-client.js';
import { describe } from './errors.js';
import { toast } from './dialogs.js';
import { BucketsView } from './buckets-view.js';
import { BrowserView } from './browser-view.js';
import { UploadPanel } from './upload-panel.js';
import { ConsoleView } from './console-view.js';
import { CONSOLE, CONSOLE_ICON } from './console-ui.js';
import { bucketPage } from './bucket-pages.js';

const SIGNED_OUT_CODES = new Set(['SessionExpired', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'ExpiredToken']);
let ctx = null;
let current = null;
let endpoint = null; // the S3 endpoint's origin, told by the drive's server (config.json)

export function hrefFor(bucket, prefix = '') {
  if (!bucket) return '#/';
  return '#/' + encodeURIComponent(bucket) + '/' + prefix.split('/').map(encodeURIComponent).join('/');
}

function parseHash() {
  const path = location.hash.replace(/^#\/?/, '');
  if (!path) return { bucket: null, prefix: '' };
  const slash = path.indexOf('/');
  const bucket = decodeURIComponent(slash < 0 ? path : path.slice(0, slash));
  const prefix = slash < 0 ? '' : path.slice(slash + 1).split('/').map(decodeURIComponent).join('/');
  return { bucket, prefix };
}

/** `page`: the label of a bucket page (bucket-pages.js) shown after the folder. */
function setBreadcrumbs(bucket, prefix, page) {
  const nav = clear($('#breadcrumbs'));
  const crumbs = [{ label: 'Buckets', href: '#/' }];
  if (bucket === CONSOLE) {
    crumbs.push({ label: 'Console', href: '#/' + CONSOLE + '/' });
  } else if (bucket) {
    crumbs.push({ label: bucket, href: hrefFor(bucket, '') });
    let acc = '';
    for (const part of prefix.split('/').filter(Boolean)) {
      acc += part + '/';
      crumbs.push({ label: part, href: hrefFor(bucket, acc) });
    }
  }
  if (page) crumbs.push({ label: page, href: location.hash });
  const list = h('ol', {});
  nav.classList.remove('expanded');
  crumbs.forEach((c, i) => {
    const last = i === crumbs.length - 1;
    // On a phone, the crumbs between the first and the last two fold into "…" (press to unfold).
    const middle = i > 0 && i < crumbs.length - 2;
    if (middle && i === 1) {
      list.append(h('li', { class: 'crumb-ellipsis' }, h('button', { type: 'button', class: 'link-button', 'aria-label': 'Show the whole path',
        onclick: () => nav.classList.add('expanded') }, '…')));
    }
    // The current folder's crumb lists it again (its href would not change the hash).
    list.append(h('li', { class: middle ? 'crumb-middle' : null }, h('a', { href: c.href, 'aria-current': last ? 'page' : null, onclick: last ? (e) => { e.preventDefault(); route(); } : null }, c.label)));
  });
  nav.append(list);
  document.title = (bucket ? crumbs[crumbs.length - 1].label + ' · ' : '') + 'Coffer Drive';
}

function route() {
  if (!ctx) return;
  const { bucket, prefix } = parseHash();
  if (current) current.hide();
  const page = bucket && bucketPage(ctx, bucket, prefix);
  if (page) {
    setBreadcrumbs(page.bucket, page.prefix, page.label);
    $('#shell').dataset.view = 'folder';
    current = page.view;
    current.show();
    return;
  }
  setBreadcrumbs(bucket, prefix);
  // On a phone the Console button shows on the bucket list and in the console, not in a folder,
  // where the breadcrumbs need the width (console.css).
  $('#shell').dataset.view = bucket === CONSOLE ? 'console' : bucket ? 'folder' : 'buckets';
  current = bucket === CONSOLE ? new ConsoleView(ctx, prefix) : bucket ? new BrowserView(ctx, bucket, prefix) : new BucketsView(ctx);
  current.show();
}

function reportError(error) {
  if (SIGNED_OUT_CODES.has(error.code)) {
    signOut(describe(error));
    return;
  }
  console.warn(error);
  toast(describe(error), 'error');
}

function startShell(client) {
  ctx = {
    client,
    main: $('#main'),
    hrefFor,
    reportError,
    navigate: (bucket, prefix) => { location.hash = hrefFor(bucket, prefix); },
  };
  ctx.uploads = new UploadPanel(ctx, $('#uploads'));
  ctx.uploads.restore().catch((e) => console.warn('unfinished uploads not restored', e));
  $('#account-key').textContent = client.credentials.accessKey;
  $('#signin').hidden = true;
  $('#shell').hidden = false;
  route();
}

function showSignIn(message, kind = 'error') {
  $('#shell').hidden = true;
  $('#uploads').hidden = true;
  $('#signin').hidden = false;
  const box = $('#signin-message');
  box.hidden = !message;
  box.textContent = message || '';
  box.className = 'form-message ' + kind;
  (($('#access-key').value && $('#secret-key')) || $('#access-key')).focus();
}

function signOut(message) {
  if (ctx && ctx.uploads) ctx.uploads.cancelAll();
  if (current) current.hide();
  current = null;
  ctx = null;
  clearSession();
  clear($('#main'));
  showSignIn(message || 'You have signed out.', message ? 'error' : 'info');
}

async function onSignIn(event) {
  event.preventDefault();
  const accessKey = $('#access-key').value.trim();
  const secretInput = $('#secret-key');
  const region = $('#region').value.trim() || 'us-east-1';
  if (!accessKey || !secretInput.value) {
    showSignIn('Enter both the access key and the secret key.');
    return;
  }
  const button = $('#signin-button');
  button.disabled = true;
  button.textContent = 'Signing in…';
  try {
    const credentials = await Credentials.derive(accessKey, secretInput.value, region);
    secretInput.value = '';
    const client = new S3Client(credentials, endpoint);
    // Proves the keys before anything is kept. AccessDenied comes only after the signature and
    // key were checked (a wrong secret is SignatureDoesNotMatch, an unknown or inactive key
    // InvalidAccessKeyId): the key is good but may not list buckets, as a user given one bucket.
    await client.listBuckets().catch((e) => { if (e.code !== 'AccessDenied') throw e; });
    save(credentials);
    startShell(client);
  } catch (error) {
    showSignIn(describe(error));
  } finally {
    button.disabled = false;
    button.textContent = 'Sign in';
  }
}

/** Where the S3 endpoint is, and the region the server signs for (the sign-in form's default). */
async function loadConfig() {
  const response = await fetch('config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json answered ${response.status}`);
  return response.json();
}

async function init() {
  $('#signin-logo').innerHTML = icons.logo;
  $('#topbar-logo').innerHTML = icons.logo;
  $('#signout-icon').innerHTML = icons.signOut;
  $('#console-icon').innerHTML = CONSOLE_ICON;
  $('#signin-form').addEventListener('submit', onSignIn);
  $('#signout').addEventListener('click', () => signOut());
  window.addEventListener('hashchange', route);
  try {
    const config = await loadConfig();
    endpoint = config.s3Endpoint;
    if (config.region) $('#region').value = config.region;
  } catch (error) {
    console.warn(error);
    showSignIn('This page could not learn where the server is. Reload to try again.');
    $('#signin-button').disabled = true;
    return;
  }
  $('#s3-endpoint').textContent = endpoint;
  const saved = restore();
  if (saved) startShell(new S3Client(saved, endpoint));
  else showSignIn();
}

init();
