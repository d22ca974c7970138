// A shared HTML file must reach nothing of the drive, in headless Chromium:
//   node share-isolation.e2e.mjs <driveUrl> <s3Endpoint> <accessKey> <secretKey>
// Signs in to the drive (its signing keys go to the drive's sessionStorage, and a canary is put in
// its localStorage), uploads attack.html whose script looks for sessionStorage, localStorage,
// window.opener, the drive's DOM (through the opener and through a frame) and the drive's page
// (fetch), shares it, and opens the link three ways in the signed-in browser: the share dialog's
// "Open link", window.open from the drive's page, and pasted into a new tab. Each time the script
// runs (on the S3 endpoint's origin) and writes what it found into its page; none of it may hold a
// key, the canary or the drive's page. As a control, the same probe run in the drive's own page
// does find the keys, so a probe that finds nothing is a probe that was kept out.
import { assert, launch, Steps } from './lib/harness.mjs';
import { answerPrompt, dropFiles, openDialog, pressDialogButton, row, select, signIn, waitForRows, waitUploaded } from './lib/drive-page.mjs';

const [driveUrl, s3Endpoint, accessKey, secretKey] = process.argv.slice(2);
if (!driveUrl || !s3Endpoint || !accessKey || !secretKey) {
  console.error('usage: node share-isolation.e2e.mjs <driveUrl> <s3Endpoint> <accessKey> <secretKey>');
  process.exit(2);
}
const driveOrigin = new URL(driveUrl).origin;
const s3Origin = new URL(s3Endpoint).origin;
const CANARY = 'drive-local-canary-' + Date.now().toString(36);
const bucket = 'share-isolation-' + Date.now().toString(36);

/** What a hostile page tries; resolves to what it found. Runs in the shared page (and, as a control, in the drive). */
async function probe(drive) {
  const dump = (storage) => {
    const out = {};
    for (let i = 0; i < storage.length; i++) out[storage.key(i)] = storage.getItem(storage.key(i));
    return out;
  };
  const attempt = (fn) => { try { return fn(); } catch (e) { return 'blocked: ' + e.name; } };
  const found = { origin: location.origin, cookies: document.cookie };
  found.sessionStorage = attempt(() => dump(sessionStorage));
  found.localStorage = attempt(() => dump(localStorage));
  found.opener = window.opener ? 'a window' : null;
  if (window.opener) {
    found.openerDom = attempt(() => window.opener.document.documentElement.outerHTML);
    found.openerSessionStorage = attempt(() => dump(window.opener.sessionStorage));
    found.openerLocalStorage = attempt(() => dump(window.opener.localStorage));
  }
  found.frame = await new Promise((resolve) => {
    const frame = document.createElement('iframe');
    const read = () => attempt(() => {
      const doc = frame.contentDocument;
      return doc ? { dom: doc.documentElement.outerHTML, sessionStorage: dump(frame.contentWindow.sessionStorage),
        localStorage: dump(frame.contentWindow.localStorage) } : 'no document';
    });
    frame.addEventListener('load', () => resolve(read()));
    setTimeout(() => resolve(read()), 5000); // a blocked frame may never fire load
    frame.src = drive;
    document.body.append(frame);
  });
  found.fetchDrive = await fetch(drive).then((r) => r.text()).catch((e) => 'blocked: ' + e.name);
  return found;
}

const ATTACK_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>running</title></head><body>
<h1>Nothing to see</h1><pre id="found"></pre>
<script>
(${probe.toString()})(${JSON.stringify(driveUrl)}).then((found) => {
  document.getElementById('found').textContent = JSON.stringify(found);
  document.title = 'probed';
});
</script></body></html>`;

const steps = new Steps();
const { context, close } = await launch();
const page = context.pages()[0] || (await context.newPage());
page.on('pageerror', (e) => console.log(`page error - ${e.message}`));
await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: driveOrigin });
let secrets = [];

async function must(name, fn) {
  if (!(await steps.run(name, fn))) {
    await close();
    process.exit(steps.summary());
  }
}

/** Waits for the shared page's script to finish and returns what it found. */
async function foundIn(shared) {
  await shared.waitForFunction(() => document.title === 'probed', null, { timeout: 60000 });
  return JSON.parse(await shared.locator('#found').textContent());
}

function assertNothingReached(found, how) {
  const short = (v) => (typeof v === 'string' ? v.slice(0, 60) : v);
  console.log(`found - ${how}: ${JSON.stringify({ origin: found.origin, sessionStorage: found.sessionStorage,
    localStorage: found.localStorage, cookies: found.cookies, opener: found.opener, frame: short(found.frame),
    fetchDrive: short(found.fetchDrive) })}`);
  assert(found.origin === s3Origin, `${how}: the file ran on the S3 endpoint's origin ${s3Origin}, not ${found.origin}`);
  const text = JSON.stringify(found);
  const leaked = secrets.filter((s) => text.includes(s));
  assert(leaked.length === 0, `${how}: the script found ${leaked.length} of the drive's secrets: ${text.slice(0, 400)}`);
  assert(Object.keys(found.sessionStorage).length === 0, `${how}: sessionStorage is empty (${JSON.stringify(found.sessionStorage)})`);
  assert(!text.includes('Coffer Drive'), `${how}: nothing of the drive's page was read`);
  assert(found.opener === null, `${how}: window.opener is null (${found.opener})`);
}

await must('sign in to the drive on its own origin; keys in sessionStorage, a canary in localStorage', async () => {
  await page.goto(driveUrl);
  assert(new URL(page.url()).origin === driveOrigin, `the drive is at ${driveOrigin}`);
  await signIn(page, accessKey, secretKey);
  await page.locator('.buckets-view').waitFor();
  const session = await page.evaluate((canary) => {
    localStorage.setItem('coffer.canary', canary);
    return sessionStorage.getItem('coffer.drive.session');
  }, CANARY);
  const keys = Object.values(JSON.parse(session).keys);
  assert(keys.length === 3, `three signing keys in the session (${keys.length})`);
  secrets = [...keys, CANARY, secretKey, 'coffer.drive.session'];
});

await must('the probe run in the drive itself finds the keys and the canary (control)', async () => {
  const found = await page.evaluate(probe, driveUrl);
  const text = JSON.stringify(found);
  assert(text.includes(secrets[0]) && text.includes(CANARY), 'the probe sees what a script in the drive would see');
});

await must('upload attack.html through the drive and create a share link', async () => {
  await page.click('#new-bucket');
  await answerPrompt(page, bucket);
  await page.locator('.browser-view').waitFor();
  await dropFiles(page, [{ name: 'attack.html', type: 'text/html', text: ATTACK_HTML }]);
  await waitUploaded(page, 'attack.html');
  await waitForRows(page, (k) => k.includes('attack.html'), 'with attack.html');
  await select(page, ['attack.html']);
  await page.click('#action-share');
  await page.click('#share-create');
  await page.waitForFunction(() => document.querySelector('#share-link').value.startsWith('http'));
});

await steps.run('opened with the share dialog\'s "Open link", the file reaches nothing of the drive', async () => {
  const link = await page.inputValue('#share-link');
  assert(new URL(link).origin === s3Origin, `the link points at the S3 endpoint: ${link}`);
  const rel = await page.getAttribute('#share-open', 'rel');
  assert(/\bnoopener\b/.test(rel), `the link opens with noopener (rel=${rel})`);
  const [shared] = await Promise.all([context.waitForEvent('page'), page.click('#share-open')]);
  assertNothingReached(await foundIn(shared), 'Open link');
  await shared.close();
});

await steps.run('opened by window.open from the drive\'s page, it gets no handle on the drive', async () => {
  const link = await page.inputValue('#share-link');
  const [shared] = await Promise.all([context.waitForEvent('page'), page.evaluate((url) => { window.open(url); }, link)]);
  assertNothingReached(await foundIn(shared), 'window.open');
  await shared.close();
});

await steps.run('pasted into a new tab of the signed-in browser, it reaches nothing of the drive', async () => {
  const link = await page.inputValue('#share-link');
  const shared = await context.newPage();
  await shared.goto(link);
  assertNothingReached(await foundIn(shared), 'a new tab');
  await shared.close();
});

await steps.run('the drive is still signed in and its keys are untouched', async () => {
  await pressDialogButton(page, 'Done');
  await openDialog(page).waitFor({ state: 'detached' });
  const session = await page.evaluate(() => sessionStorage.getItem('coffer.drive.session'));
  assert(session && session.includes(secrets[0]), 'the session is still there');
  await row(page, 'attack.html').waitFor();
});

await close();
process.exit(steps.summary());
