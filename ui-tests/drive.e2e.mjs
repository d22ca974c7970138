// Coffer Drive end to end, in headless Chromium, as a person uses it:
//   node drive.e2e.mjs <driveUrl> <s3Endpoint> <accessKey> <secretKey>
// The drive has its own origin (driveUrl) and calls the S3 endpoint cross-origin. Sign in, create a bucket, drop a small file and a 50 MiB file, navigate folders, preview an
// image, share a link and fetch it without credentials, rename, delete, sign out — and save
// screenshots of the main screens at desktop and phone widths into docs/screenshots/.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { assert, DESKTOP, failureShot, launch, PHONE, screenshot, Steps } from './lib/harness.mjs';
import { answerPrompt, clearSelection, dropFiles, openDialog, pressDialogButton, row, select, signIn, waitForRows, waitUploaded } from './lib/drive-page.mjs';

const [driveUrl, endpoint, accessKey, secretKey] = process.argv.slice(2);
if (!driveUrl || !endpoint || !accessKey || !secretKey) {
  console.error('usage: node drive.e2e.mjs <driveUrl> <s3Endpoint> <accessKey> <secretKey>');
  process.exit(2);
}
const MIB = 1024 * 1024;
const bucket = 'drive-e2e-' + Date.now().toString(36);
const steps = new Steps();
const { context, close } = await launch(DESKTOP);
const page = context.pages()[0] || (await context.newPage());
const leaks = [];
page.on('request', (request) => {
  const seen = [request.url(), JSON.stringify(request.headers()), request.postData() || ''].join('\n');
  if (seen.includes(secretKey) || seen.includes(encodeURIComponent(secretKey))) leaks.push(request.url());
});
page.on('pageerror', (e) => console.log(`page error - ${e.message}`));
const multipart = { created: 0, parts: 0 };
page.on('requestfinished', async (request) => {
  const status = (await request.response())?.status();
  if (request.method() === 'POST' && /[?&]uploads=/.test(request.url()) && status === 200) multipart.created++;
  if (request.method() === 'PUT' && /[?&]partNumber=/.test(request.url()) && status === 200) multipart.parts++;
});
const origin = new URL(driveUrl).origin;
await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
let hashes = {};
steps.onFailure = async (name) => {
  await failureShot(page, name);
  while (await openDialog(page).count()) await page.keyboard.press('Escape');
};

async function must(name, fn) {
  if (!(await steps.run(name, fn))) {
    await close();
    process.exit(steps.summary());
  }
}

await must('a browser opening the S3 port is sent to the drive on its own origin and sees the sign-in form', async () => {
  const response = await page.goto(endpoint + '/');
  assert(page.url() === origin + '/', `landed on ${page.url()}, not ${origin}/`);
  assert(response.headers()['content-type'].startsWith('text/html'), 'the UI is served as HTML');
  await page.locator('#signin-form').waitFor();
  await screenshot(page, 'desktop-sign-in');
});

await steps.run('a wrong secret is refused in words, not XML', async () => {
  await signIn(page, accessKey, 'not-the-secret');
  const message = page.locator('#signin-message');
  await message.waitFor({ state: 'visible' });
  const text = await message.textContent();
  assert(/secret key does not match/i.test(text) && !text.includes('<'), `message: ${text}`);
});

await must('sign in with the access key and secret', async () => {
  await signIn(page, accessKey, secretKey);
  await page.locator('.buckets-view').waitFor();
  assert((await page.locator('#account-key').textContent()) === accessKey, 'the access key is shown');
  const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }));
  assert(!stored.includes(secretKey), 'the secret is not in sessionStorage or localStorage');
});

await must('create a bucket', async () => {
  await page.click('#new-bucket');
  await answerPrompt(page, bucket);
  await page.locator('.browser-view').waitFor();
  assert(page.url().endsWith(`#/${bucket}/`), `opened the new bucket: ${page.url()}`);
  await page.locator('.file-list.empty').waitFor();
});

await must('create a folder and drop an image and a Markdown file into it', async () => {
  await page.click('#new-folder');
  await answerPrompt(page, 'photos');
  await row(page, 'photos/').locator('.name').click();
  await page.locator('#breadcrumbs a[aria-current=page]', { hasText: 'photos' }).waitFor();
  await dropFiles(page, [{ name: 'pixel.png', type: 'image/png', png: [640, 400] },
    { name: 'readme.md', type: 'text/markdown', text: '# Holiday\n\nPhotos from **2025**.\n\n- beach\n- hills\n' }]);
  await waitUploaded(page, 'photos/pixel.png');
  await waitUploaded(page, 'photos/readme.md');
  await waitForRows(page, (k) => k.includes('photos/pixel.png') && k.includes('photos/readme.md'), 'the two files');
});

await must('breadcrumbs lead back to the bucket', async () => {
  await page.locator('#breadcrumbs a', { hasText: bucket }).click();
  await waitForRows(page, (k) => k.includes('photos/'), 'the bucket root with photos/');
});

await must('drop a small file and a 50 MiB file; both progress bars reach 100%', async () => {
  hashes = await dropFiles(page, [{ name: 'hello.txt', type: 'text/plain', text: 'hello coffer' },
    { name: 'big.bin', type: 'application/octet-stream', randomBytes: 50 * MIB }]);
  const small = await waitUploaded(page, 'hello.txt');
  const large = await waitUploaded(page, 'big.bin', 180000);
  console.log(`progress - hello.txt ${small.join(',')}; big.bin ${large.join(',')}`);
  console.log(multipart.created ? `upload path - big.bin by multipart in ${multipart.parts} parts`
    : 'upload path - big.bin in one PUT (the server answered CreateMultipartUpload with NotImplemented)');
  await screenshot(page, 'desktop-uploads');
  const keys = await waitForRows(page, (k) => k.includes('big.bin') && k.includes('hello.txt'), 'with both uploads');
  assert(keys[0] === 'photos/', 'folders come first');
  assert((await row(page, 'big.bin').locator('.cell-size').textContent()) === '52.4 MB', 'the 50 MiB file shows as 52.4 MB');
});

await steps.run('download the 50 MiB file: the same bytes come back', async () => {
  await select(page, ['big.bin']);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#action-download')]);
  assert(download.suggestedFilename() === 'big.bin', `file name ${download.suggestedFilename()}`);
  const sha = createHash('sha256').update(readFileSync(await download.path())).digest('hex');
  assert(sha === hashes['big.bin'], 'SHA-256 of the download equals that of the dropped file');
  await clearSelection(page);
});

await steps.run('sort by size both ways, and filter by name prefix', async () => {
  await page.click('button.sort[data-sort=size]');
  await waitForRows(page, (k) => k.indexOf('hello.txt') < k.indexOf('big.bin'), 'smallest first');
  await page.click('button.sort[data-sort=size]');
  await waitForRows(page, (k) => k.indexOf('big.bin') < k.indexOf('hello.txt'), 'largest first');
  await page.click('button.sort[data-sort=name]');
  await page.fill('#filter', 'he');
  await waitForRows(page, (k) => k.length === 1 && k[0] === 'hello.txt', 'only hello.txt');
  await page.fill('#filter', '');
  await waitForRows(page, (k) => k.length === 3, 'all three again');
  await screenshot(page, 'desktop-folder');
});

await steps.run('keyboard: arrows move, Space selects, Escape clears, Enter opens a folder', async () => {
  await page.locator('.rows .row').first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press(' ');
  assert((await page.locator('.rows .row[aria-selected=true]').count()) === 1, 'one row selected by Space');
  assert((await page.locator('#action-share').isDisabled()) === false, 'share is enabled for one file');
  await page.keyboard.press('Escape');
  assert((await page.locator('.rows .row[aria-selected=true]').count()) === 0, 'Escape clears the selection');
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await waitForRows(page, (k) => k.includes('photos/pixel.png'), 'inside photos/');
});

await steps.run('preview an image and a Markdown file in the page', async () => {
  await row(page, 'photos/pixel.png').locator('.name').click();
  const img = openDialog(page).locator('#preview img');
  await img.waitFor();
  await page.waitForFunction(() => { const i = document.querySelector('#preview img'); return i && i.complete && i.naturalWidth === 640; });
  await screenshot(page, 'desktop-preview');
  await page.keyboard.press('Escape');
  await openDialog(page).waitFor({ state: 'detached' });
  await row(page, 'photos/readme.md').locator('.name').click();
  await openDialog(page).locator('.preview-markdown h2', { hasText: 'Holiday' }).waitFor();
  assert((await openDialog(page).locator('.preview-markdown strong').textContent()) === '2025', 'bold text rendered');
  await page.keyboard.press('Escape');
  await page.locator('#breadcrumbs a', { hasText: bucket }).click();
  await waitForRows(page, (k) => k.includes('hello.txt'), 'the bucket root');
});

await steps.run('object details: size, type, ETag, checksum', async () => {
  await select(page, ['hello.txt']);
  await page.click('#action-details');
  const details = openDialog(page).locator('#details dl');
  await details.waitFor();
  const text = await details.textContent();
  assert(text.includes('12 B') && text.includes('text/plain') && /"[0-9a-f]{32}"/.test(text), `details: ${text}`);
  await screenshot(page, 'desktop-details');
  await page.keyboard.press('Escape');
  await openDialog(page).waitFor({ state: 'detached' });
});

await steps.run('share a link for one hour; it is on the clipboard and works without credentials', async () => {
  await page.click('#action-share');
  await page.selectOption('#share-expiry', '3600');
  await page.click('#share-create');
  await page.waitForFunction(() => document.querySelector('#share-link').value.startsWith('http'));
  const link = await page.inputValue('#share-link');
  assert(link.includes('X-Amz-Expires=3600') && link.includes('X-Amz-Signature='), `presigned for an hour: ${link}`);
  assert(new URL(link).origin === new URL(endpoint).origin, `the link points at the S3 endpoint, not the drive: ${link}`);
  assert((await page.evaluate(() => navigator.clipboard.readText())) === link, 'the link is on the clipboard');
  const fetched = await fetch(link);
  assert(fetched.status === 200 && (await fetched.text()) === 'hello coffer', `GET without credentials: ${fetched.status}`);
  await screenshot(page, 'desktop-share');
  await pressDialogButton(page, 'Done');
  await clearSelection(page);
});

await steps.run('the bucket list shows object count and size', async () => {
  await page.locator('#breadcrumbs a', { hasText: 'Buckets' }).click();
  const tr = page.locator(`tr[data-bucket="${bucket}"]`);
  await page.waitForFunction((b) => {
    const cells = document.querySelectorAll(`tr[data-bucket="${b}"] td.num`);
    return cells.length === 2 && cells[0].textContent === '5';
  }, bucket);
  const size = await tr.locator('td.num').nth(1).textContent();
  assert(size.startsWith('52.'), `size ${size}`);
  await screenshot(page, 'desktop-buckets');
  await tr.locator('a.bucket-link').click();
  await waitForRows(page, (k) => k.includes('hello.txt'), 'the bucket again');
});

await steps.run('an error is told in words: opening a bucket that does not exist', async () => {
  // (Creating a bucket you already own answers 200 in us-east-1, as S3 does, so that is no error.)
  await page.evaluate((b) => { location.hash = `#/${b}-missing/`; }, bucket);
  const toast = page.locator('.toast.error').last();
  await toast.waitFor();
  const text = await toast.textContent();
  assert(/does not exist/i.test(text) && !text.includes('<'), `toast: ${text}`);
  await page.locator('#breadcrumbs a', { hasText: 'Buckets' }).click();
  await page.locator(`tr[data-bucket="${bucket}"] a.bucket-link`).click();
  await waitForRows(page, (k) => k.includes('hello.txt'), 'the bucket again');
});

await steps.run('rename a file into a new folder (move)', async () => {
  await select(page, ['hello.txt']);
  await page.click('#action-rename');
  await answerPrompt(page, 'notes/hello-renamed.txt');
  await waitForRows(page, (k) => !k.includes('hello.txt') && k.includes('notes/'), 'with notes/ and without hello.txt');
  await row(page, 'notes/').locator('.name').click();
  await waitForRows(page, (k) => k.length === 1 && k[0] === 'notes/hello-renamed.txt', 'notes/ holding the renamed file');
  await page.goBack();
  await waitForRows(page, (k) => k.includes('notes/'), 'the bucket root');
});

await steps.run('rename a folder with everything in it', async () => {
  await select(page, ['photos/']);
  await page.click('#action-rename');
  await answerPrompt(page, 'pictures');
  await waitForRows(page, (k) => k.includes('pictures/') && !k.includes('photos/'), 'pictures/ instead of photos/');
  await row(page, 'pictures/').locator('.name').click();
  await waitForRows(page, (k) => k.includes('pictures/pixel.png') && k.includes('pictures/readme.md'), 'both files moved');
  await page.goBack();
  await waitForRows(page, (k) => k.includes('pictures/'), 'the bucket root');
});

await steps.run('a failed part is retried; a cancelled upload leaves nothing', async () => {
  assert(multipart.created > 0, 'the 50 MiB drop went by multipart upload');
  const partTwo = /[?&]partNumber=2&uploadId=/;
  let failures = 0;
  await page.route(partTwo, (route) => { failures++; return route.abort('failed'); });
  const dropped = await dropFiles(page, [{ name: 'retry.bin', randomBytes: 20 * MIB }]);
  const item = page.locator('.upload[data-key="retry.bin"]');
  await page.locator('.upload[data-key="retry.bin"][data-state=failed]').waitFor({ timeout: 60000 });
  const detail = await item.locator('.upload-detail').textContent();
  assert(/Part 2 of 3 failed/.test(detail) && failures === 3, `failed after three tries of part 2 (${failures}): ${detail}`);
  await page.unroute(partTwo);
  const partsBefore = multipart.parts;
  await page.getByRole('button', { name: 'Retry upload of retry.bin' }).click();
  await waitUploaded(page, 'retry.bin');
  assert(multipart.parts - partsBefore === 1, `Retry sent only the missing part (${multipart.parts - partsBefore} sent)`);
  await waitForRows(page, (k) => k.includes('retry.bin'), 'with retry.bin');
  await select(page, ['retry.bin']);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#action-download')]);
  const sha = createHash('sha256').update(readFileSync(await download.path())).digest('hex');
  assert(sha === dropped['retry.bin'], 'the retried upload has the dropped bytes');
  await clearSelection(page);

  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(/[?&]partNumber=/, async (route) => { await held; await route.abort('failed').catch(() => {}); });
  await dropFiles(page, [{ name: 'cancel.bin', randomBytes: 20 * MIB }]);
  await page.locator('.upload[data-key="cancel.bin"][data-state=uploading]').waitFor();
  await page.getByRole('button', { name: 'Cancel upload of cancel.bin' }).click();
  // attached, not visible: the panel collapses 4 s after its last upload settles, which a loaded machine may pass first
  await page.locator('.upload[data-key="cancel.bin"][data-state=cancelled]').waitFor({ state: 'attached' });
  release();
  await page.unroute(/[?&]partNumber=/);
  await page.waitForTimeout(500);
  await page.locator('#breadcrumbs a[aria-current=page]').click();
  await waitForRows(page, (k) => k.includes('retry.bin') && !k.includes('cancel.bin'), 'without cancel.bin');
});

await steps.run('dark mode and phone-sized screens', async () => {
  await page.getByRole('button', { name: 'Clear finished' }).click();
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'desktop-folder-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(PHONE);
  await screenshot(page, 'phone-folder');
  await row(page, 'pictures/').locator('.name').click();
  await row(page, 'pictures/pixel.png').locator('.name').click();
  await page.waitForFunction(() => { const i = document.querySelector('#preview img'); return i && i.complete && i.naturalWidth > 0; });
  await screenshot(page, 'phone-preview');
  await page.keyboard.press('Escape');
  await page.locator('#breadcrumbs a', { hasText: 'Buckets' }).click();
  await page.locator(`tr[data-bucket="${bucket}"]`).waitFor();
  await page.waitForTimeout(300);
  await screenshot(page, 'phone-buckets');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert(overflow <= 0, `no sideways scrolling on a phone (${overflow}px too wide)`);
  await page.setViewportSize(DESKTOP);
  await page.locator(`tr[data-bucket="${bucket}"] a.bucket-link`).click();
  await waitForRows(page, (k) => k.includes('pictures/'), 'the bucket again');
});

await steps.run('delete several items, folders included, after confirming', async () => {
  await page.locator('.list-head input[type=checkbox]').check();
  await page.click('#action-delete');
  const message = await openDialog(page).locator('.dialog-body').textContent();
  assert(/\d files? and 2 folders/.test(message), `confirmation says what goes: ${message}`);
  await pressDialogButton(page, 'Delete');
  await page.locator('.file-list.empty').waitFor();
});

await steps.run('delete the empty bucket after typing its name', async () => {
  await page.locator('#breadcrumbs a', { hasText: 'Buckets' }).click();
  await page.locator(`tr[data-bucket="${bucket}"] button`).click();
  await pressDialogButton(page, 'Delete bucket');
  assert(await openDialog(page).isVisible(), 'the dialog stays open until the name is typed');
  await openDialog(page).locator('input').fill(bucket);
  await pressDialogButton(page, 'Delete bucket');
  await page.locator(`tr[data-bucket="${bucket}"]`).waitFor({ state: 'detached' });
});

await steps.run('versioned bucket: the versions list downloads and restores an earlier version', async () => {
  await page.setViewportSize(DESKTOP);
  await page.click('#new-bucket');
  await answerPrompt(page, bucket + '-v');
  await page.locator('.browser-view').waitFor();
  await page.click('#bucket-settings');
  await pressDialogButton(page, 'Turn versioning on');
  await page.locator('.toast.success', { hasText: 'Versioning is on' }).waitFor();
  await dropFiles(page, [{ name: 'doc.txt', type: 'text/plain', text: 'first version' }]);
  await waitUploaded(page, 'doc.txt');
  await page.getByRole('button', { name: 'Clear finished' }).click();
  await dropFiles(page, [{ name: 'doc.txt', type: 'text/plain', text: 'second version' }]);
  await pressDialogButton(page, 'Keep as a version'); // the name exists: the drive asks before it uploads
  await waitUploaded(page, 'doc.txt');
  await waitForRows(page, (k) => k.includes('doc.txt'), 'with doc.txt');
  await select(page, ['doc.txt']);
  await page.click('#action-details');
  const versions = openDialog(page).locator('#versions .version');
  await page.waitForFunction(() => document.querySelectorAll('#versions .version').length === 2);
  const [download] = await Promise.all([page.waitForEvent('download'), versions.nth(1).getByRole('button', { name: 'Download' }).click()]);
  assert(readFileSync(await download.path(), 'utf8') === 'first version', 'the older version downloads');
  await versions.nth(1).getByRole('button', { name: 'Restore' }).click();
  await openDialog(page).getByRole('button', { name: 'Restore', exact: true }).last().click();
  await page.locator('.toast.success', { hasText: 'Version restored' }).waitFor();
  while (await openDialog(page).count()) await page.keyboard.press('Escape');
  await clearSelection(page);
  await row(page, 'doc.txt').locator('.name').click();
  await openDialog(page).locator('.preview-text', { hasText: 'first version' }).waitFor();
  await page.keyboard.press('Escape');
});

await steps.run('sign out: the session is gone, a reload shows the sign-in form', async () => {
  await page.click('#signout');
  await page.locator('#signin-form').waitFor();
  assert((await page.evaluate(() => sessionStorage.length)) === 0, 'sessionStorage is empty');
  await page.reload();
  await page.locator('#signin-form').waitFor();
  assert(await page.locator('#shell').isHidden(), 'the drive is not shown after a reload');
  await page.setViewportSize(PHONE);
  await screenshot(page, 'phone-sign-in');
});

await steps.run('the secret key never left the browser', async () => {
  assert(leaks.length === 0, `requests carrying the secret: ${leaks.join(', ')}`);
});

await close();
process.exit(steps.summary());
