// Coffer Drive never loses a file, in headless Chromium:
//   node drive-uploads.e2e.mjs <driveUrl> <s3Endpoint> <accessKey> <secretKey> <controlUrl>
// Uploads over existing names ask first; deleted files and folders come back from "Recently
// deleted"; a reload, a dropped network and a server restart in the middle of uploads lose
// nothing; the unfinished-uploads page resumes and aborts. <controlUrl> is DriveUploadsUiIT's
// endpoint that stops (GET /stop) and starts again (GET /start) the server on the same port.
// Screenshots go to docs/screenshots/drive-uploads-*.png.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assert, DESKTOP, failureShot, launch, PHONE, screenshot as shot, Steps } from './lib/harness.mjs';
import { answerPrompt, dragFromDisk, dropFiles, openDialog, pressDialogButton, row, select, signIn, waitForRows, waitUploaded } from './lib/drive-page.mjs';
import { uploadsKit } from './lib/uploads-kit.mjs';

const [driveUrl, endpoint, accessKey, secretKey, controlUrl] = process.argv.slice(2);
if (!driveUrl || !endpoint || !accessKey || !secretKey || !controlUrl) {
  console.error('usage: node drive-uploads.e2e.mjs <driveUrl> <s3Endpoint> <accessKey> <secretKey> <controlUrl>');
  process.exit(2);
}
const MIB = 1024 * 1024;
const stamp = Date.now().toString(36);
const plain = 'uploads-' + stamp;
const versioned = 'uploads-v-' + stamp;
const steps = new Steps();
const { context, close } = await launch(DESKTOP);
let page = context.pages()[0] || (await context.newPage()); // a new tab replaces it when the test closes one
context.on('weberror', (e) => console.log(`page error - ${e.error().message}`));
const screenshot = (p, name) => shot(p, 'drive-uploads-' + name);
/** A screenshot at phone size, after checking that nothing scrolls sideways. */
async function phoneScreenshot(name) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert(overflow <= 0, `no sideways scrolling on a phone (${overflow}px too wide)`);
  await screenshot(page, name);
}
const tmp = mkdtempSync(join(tmpdir(), 'drive-uploads-'));
const sha = (bytes) => createHash('sha256').update(bytes).digest('hex');
let partsDone = 0; // UploadPart requests the server accepted
const partNumbers = []; // their part numbers, in order
context.on('requestfinished', async (request) => {
  const status = (await request.response())?.status();
  const number = /[?&]partNumber=(\d+)/.exec(request.url());
  if (request.method() === 'PUT' && number && status === 200) {
    partsDone++;
    partNumbers.push(Number(number[1]));
  }
});
steps.onFailure = async (name) => {
  await failureShot(page, name);
  while (await openDialog(page).count()) await page.keyboard.press('Escape');
};

const { s3, read, versionsOf, openFolder, clearFinished, dropText, pick, waitFor, reloadThroughTheLeavePrompt } = uploadsKit(() => page, driveUrl);

/** Picks `path` in the folder of `plain`, lets part 1 go up and holds the rest, then reloads: the upload waits for its file. */
async function pickThenReload(path, name) {
  await openFolder(plain);
  await clearFinished();
  const held = /[?&]partNumber=([2-9])&/;
  await page.route(held, () => {});
  const before = partsDone;
  await pick('#upload-files', path);
  await waitFor(async () => partsDone - before >= 1, 'one part went up');
  await reloadThroughTheLeavePrompt();
  await page.unroute(held);
  await page.locator(`.upload[data-key="${name}"][data-state="needs-file"]`).waitFor();
}

const control = async (what) => {
  const response = await fetch(`${controlUrl}/${what}`);
  assert(response.ok, `server ${what}: ${await response.text()}`);
};

async function must(name, fn) {
  if (!(await steps.run(name, fn))) {
    await close();
    process.exit(steps.summary());
  }
}

await must('sign in and make an unversioned and a versioned bucket', async () => {
  await page.goto(driveUrl);
  await signIn(page, accessKey, secretKey);
  await page.locator('.buckets-view').waitFor();
  await s3({ method: 'PUT', bucket: plain });
  await s3({ method: 'PUT', bucket: versioned });
  await s3({ method: 'PUT', bucket: versioned, query: { versioning: '' },
    body: '<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>Enabled</Status></VersioningConfiguration>' });
});

await steps.run('uploading over an existing name asks: keep both, replace, or skip; one question for a batch', async () => {
  await openFolder(plain);
  await dropText('a.txt', 'one');
  await clearFinished();
  await dropFiles(page, [{ name: 'a.txt', type: 'text/plain', text: 'two' }]);
  await openDialog(page).waitFor();
  const buttons = await openDialog(page).locator('.dialog-actions button').allTextContents();
  assert(JSON.stringify(buttons) === JSON.stringify(['Skip', 'Keep both', 'Replace']), `no version choice on an unversioned bucket: ${buttons}`);
  assert(/“a\.txt” already exists/.test(await openDialog(page).textContent()), 'the question names the file');
  await pressDialogButton(page, 'Keep both');
  await waitUploaded(page, 'a (1).txt');
  await dropText('a.txt', 'three', 'Keep both', 'a (2).txt');
  await dropText('a.txt', 'four', 'Replace');
  assert(await read(plain, 'a.txt') === 'four', 'Replace replaced a.txt');
  assert(await read(plain, 'a (1).txt') === 'two' && await read(plain, 'a (2).txt') === 'three', 'Keep both kept both, numbered');

  await clearFinished();
  await dropFiles(page, [{ name: 'a.txt', type: 'text/plain', text: 'five' }, { name: 'b.txt', type: 'text/plain', text: 'bee' },
    { name: 'a (1).txt', type: 'text/plain', text: 'six' }]);
  await openDialog(page).waitFor();
  assert(/2 files already exist/.test(await openDialog(page).locator('h2').textContent()), 'one question for the batch');
  assert(await openDialog(page).locator('#conflict-all').isChecked(), '"do the same for the other" is ticked');
  await pressDialogButton(page, 'Skip');
  await waitUploaded(page, 'b.txt');
  assert(await openDialog(page).count() === 0, 'no second question');
  assert(await read(plain, 'a.txt') === 'four' && await read(plain, 'a (1).txt') === 'two', 'skipped files were left alone');
  await waitForRows(page, (k) => ['a.txt', 'a (1).txt', 'a (2).txt', 'b.txt'].every((x) => k.includes(x)), 'with every upload');
});

await steps.run('a folder upload over existing names asks once', async () => {
  const album = join(tmp, 'album');
  mkdirSync(album);
  writeFileSync(join(album, 'p1.txt'), 'p1');
  writeFileSync(join(album, 'p2.txt'), 'p2');
  await clearFinished();
  await pick('#upload-folder', album);
  await waitUploaded(page, 'album/p2.txt');
  await clearFinished();
  await pick('#upload-folder', album);
  await openDialog(page).waitFor();
  assert(/2 files already exist/.test(await openDialog(page).locator('h2').textContent()), 'one question for the folder');
  await openDialog(page).locator('#conflict-all').uncheck();
  await pressDialogButton(page, 'Keep both');
  await openDialog(page).locator('h2', { hasText: 'File already exists' }).waitFor(); // unticked: the last name is asked about
  await pressDialogButton(page, 'Skip');
  await waitUploaded(page, 'album/p1 (1).txt');
  const listed = await s3({ bucket: plain, query: { 'list-type': '2', prefix: 'album/' } });
  assert(listed.includes('<Key>album/p1 (1).txt</Key>') && !listed.includes('p2 (1)'), `kept both of p1, skipped p2: ${listed}`);
});

await steps.run('a folder dragged in keeps its folders, each upload line shows the path, an empty folder becomes "name/"', async () => {
  const trip = join(tmp, 'trip');
  mkdirSync(join(trip, '2024', 'day 1'), { recursive: true });
  mkdirSync(join(trip, 'empty'));
  writeFileSync(join(trip, 'notes.txt'), 'notes');
  writeFileSync(join(trip, '2024', 'b.txt'), 'b');
  writeFileSync(join(trip, '2024', 'day 1', 'a.txt'), 'a');
  const keys = async (prefix) => [...(await s3({ bucket: plain, query: { 'list-type': '2', prefix } })).matchAll(/<Key>(.*?)<\/Key><LastModified>.*?<Size>(\d+)<\/Size>/g)]
    .map(([, key, size]) => `${key} ${size}`).sort();
  await openFolder(plain, 'albums/');
  await clearFinished();
  await dragFromDisk(page, [trip]);
  const files = ['albums/trip/2024/b.txt', 'albums/trip/2024/day 1/a.txt', 'albums/trip/notes.txt'];
  for (const key of files) await waitUploaded(page, key);
  const lines = await page.locator('.upload .upload-name').allTextContents();
  assert(files.every((key) => lines.includes(key)), `each line shows where its file goes: ${lines}`);
  await waitUploaded(page, 'albums/trip/empty/', 10000);
  const dropped = ['albums/trip/2024/b.txt 1', 'albums/trip/2024/day 1/a.txt 1', 'albums/trip/empty/ 0', 'albums/trip/notes.txt 5'];
  assert(JSON.stringify(await keys('albums/')) === JSON.stringify(dropped), `the folders kept, the empty one a zero-byte marker: ${await keys('albums/')}`);
  await row(page, 'albums/trip/').dblclick();
  await waitForRows(page, (k) => k.join() === 'albums/trip/2024/,albums/trip/empty/,albums/trip/notes.txt', 'the dropped folder as it was');
  await dragFromDisk(page, [join(trip, 'empty')]);
  await page.locator('.toast', { hasText: 'That folder is here already: nothing to upload.' }).waitFor();

  await openFolder(plain, 'picked/');
  await clearFinished();
  await pick('#upload-folder', trip);
  const picked = ['picked/trip/2024/b.txt 1', 'picked/trip/2024/day 1/a.txt 1', 'picked/trip/notes.txt 5']; // a picker gives no empty folder
  for (const entry of picked) await waitUploaded(page, entry.replace(/ \d+$/, ''));
  assert(JSON.stringify(await keys('picked/')) === JSON.stringify(picked), `the picked folder's paths kept: ${await keys('picked/')}`);
  await openFolder(plain); // where the next steps begin
});

await steps.run('a folder of 6 files dropped where nothing is starts at once: one listing, no HEAD per file; dropped again, one question', async () => {
  const many = join(tmp, 'many');
  mkdirSync(many);
  const names = Array.from({ length: 6 }, (_, i) => `n${String(i).padStart(2, '0')}.txt`);
  for (const name of names) writeFileSync(join(many, name), name);
  await openFolder(plain, 'lots/');
  await clearFinished();
  let heads = 0;
  const countHeads = (request) => { if (request.method() === 'HEAD' && request.url().includes('/lots/many/')) heads++; };
  page.on('request', countHeads);
  try {
    await dragFromDisk(page, [many]);
    for (const name of names) await waitUploaded(page, 'lots/many/' + name);
    assert(heads === 0, `the names were checked by listing the folder, not one HEAD each (${heads} HEADs)`);
    await clearFinished();
    await dragFromDisk(page, [many]);
    await openDialog(page).waitFor();
    assert(/6 files already exist/.test(await openDialog(page).locator('h2').textContent()), 'one question for the folder');
    await pressDialogButton(page, 'Skip');
  } finally {
    page.off('request', countHeads);
  }
  await openFolder(plain);
});

await steps.run('phone: the overwrite question fits and keeps both', async () => {
  await page.setViewportSize(PHONE);
  await clearFinished();
  await dropFiles(page, [{ name: 'a.txt', type: 'text/plain', text: 'seven' }]);
  await openDialog(page).waitFor();
  const box = await openDialog(page).boundingBox();
  assert(box.x >= 0 && box.x + box.width <= PHONE.width, `the question fits the phone (${JSON.stringify(box)})`);
  await screenshot(page, 'phone-conflict');
  await pressDialogButton(page, 'Keep both');
  await waitUploaded(page, 'a (3).txt');
  assert(await read(plain, 'a (3).txt') === 'seven', 'the next free number');
  await page.setViewportSize(DESKTOP);
});

await steps.run('versioned bucket: keep the old file as a version, or replace it for good', async () => {
  await openFolder(versioned);
  await dropText('v.txt', 'old');
  await clearFinished();
  await dropFiles(page, [{ name: 'v.txt', type: 'text/plain', text: 'new' }]);
  await openDialog(page).getByRole('button', { name: 'Keep as a version' }).waitFor();
  await screenshot(page, 'desktop-conflict');
  await pressDialogButton(page, 'Keep as a version');
  await waitUploaded(page, 'v.txt');
  let versions = await versionsOf(versioned, 'v.txt');
  assert(versions.length === 2 && await read(versioned, 'v.txt', versions[1].id) === 'old', `the old file is a version: ${JSON.stringify(versions)}`);
  await dropText('v.txt', 'newest', 'Replace');
  versions = await versionsOf(versioned, 'v.txt');
  const texts = await Promise.all(versions.map((v) => read(versioned, 'v.txt', v.id)));
  assert(JSON.stringify(texts) === JSON.stringify(['newest', 'old']), `Replace deleted the replaced version: ${texts}`);
});

await steps.run('deleting a folder says how many objects go', async () => {
  for (const key of ['docs/', 'docs/x.txt', 'docs/y.txt']) await s3({ method: 'PUT', bucket: versioned, key, body: key.endsWith('/') ? '' : key });
  await openFolder(versioned);
  await waitForRows(page, (k) => k.includes('docs/') && k.includes('v.txt'), 'docs/ and v.txt');
  await select(page, ['docs/', 'v.txt']);
  await page.click('#action-delete');
  const message = await openDialog(page).locator('.dialog-body').textContent();
  assert(/That is 4 objects\./.test(message), `the question counts the objects: ${message}`);
  await pressDialogButton(page, 'Delete');
  await page.locator('.file-list.empty').waitFor();
});

await steps.run('recently deleted lists deleted files and folders and restores them', async () => {
  await page.click('#recently-deleted');
  await page.locator('.deleted-view tr[data-key="v.txt"]').waitFor();
  const folder = page.locator('.deleted-view tr[data-key="docs/"]');
  assert(/2 files/.test(await folder.textContent()), `the folder row counts its files: ${await folder.textContent()}`);
  assert(/Recently deleted/.test(await page.locator('#breadcrumbs').textContent()), 'the breadcrumbs say where we are');
  await screenshot(page, 'desktop-recently-deleted');
  await page.getByRole('button', { name: 'Restore v.txt' }).click();
  await page.locator('.toast.success', { hasText: 'Restored v.txt.' }).waitFor();
  await page.locator('.deleted-view tr[data-key="v.txt"]').waitFor({ state: 'detached' });
  assert(await read(versioned, 'v.txt') === 'newest', 'v.txt is back as it was');
  const versions = await versionsOf(versioned, 'v.txt');
  assert(versions.length === 2 && versions.every((v) => v.kind === 'Version'), `restore removed the delete marker, copied nothing: ${JSON.stringify(versions)}`);

  await page.setViewportSize(PHONE);
  await folder.locator('a').click();
  await page.locator('.deleted-view tr[data-key="docs/x.txt"]').waitFor();
  await page.goBack();
  await folder.waitFor();
  await phoneScreenshot('phone-recently-deleted');
  await page.getByRole('button', { name: 'Restore docs' }).click();
  await pressDialogButton(page, 'Restore');
  await page.locator('.toast.success', { hasText: 'Restored docs (2 files).' }).waitFor();
  await page.locator('.deleted-view [role=status]', { hasText: 'Nothing deleted here.' }).waitFor();
  await page.setViewportSize(DESKTOP);
  await page.getByRole('link', { name: 'Back to the files' }).click();
  await waitForRows(page, (k) => k.includes('docs/') && k.includes('v.txt'), 'docs/ and v.txt back');
  assert(await read(versioned, 'docs/y.txt') === 'docs/y.txt', 'the folder\'s files are back');
});

await steps.run('a rename in a versioned bucket says first that the old name stays under Deleted, where it then is', async () => {
  await openFolder(versioned);
  await select(page, ['v.txt']);
  await page.click('#action-rename');
  const note = await openDialog(page).locator('.dialog-note').textContent();
  assert(/S3 has no rename.*“v\.txt” stays under Deleted with its versions, where it can be restored/.test(note), 'the rename says what it leaves: ' + note);
  await answerPrompt(page, 'w.txt');
  await waitForRows(page, (k) => k.includes('w.txt') && !k.includes('v.txt'), 'w.txt instead of v.txt');
  assert(await read(versioned, 'w.txt') === 'newest', 'the new name holds the file');
  await page.click('#recently-deleted');
  await page.locator('.deleted-view tr[data-key="v.txt"]').waitFor();

  await openFolder(plain, 'album/');
  await select(page, ['album/p1.txt']);
  await page.click('#action-rename');
  const input = openDialog(page).locator('input.input');
  const selected = await input.evaluate((i) => i.value.slice(i.selectionStart, i.selectionEnd));
  assert(selected === 'p1', `the name is selected, not its folder: "${selected}"`);
  assert(await openDialog(page).locator('.dialog-note').count() === 0, 'an unversioned bucket: nothing is left behind, nothing said');
  await pressDialogButton(page, 'Cancel');
});

await steps.run('an unversioned bucket says it keeps no deleted files', async () => {
  await openFolder(plain);
  await page.click('#recently-deleted');
  await page.locator('.deleted-view [role=status]', { hasText: 'does not keep versions' }).waitFor();
});

const big = join(tmp, 'big.bin');
const bigBytes = randomBytes(50 * MIB);
writeFileSync(big, bigBytes);
mkdirSync(join(tmp, 'other'));
const impostor = join(tmp, 'other', 'big.bin'); // same name, size and date; other bytes
writeFileSync(impostor, randomBytes(50 * MIB));
const sameDate = new Date(Math.floor(Date.now() / 1000) * 1000 - 3600_000);
for (const f of [big, impostor]) utimesSync(f, sameDate, sameDate);

await steps.run('a reload in the middle of a 50 MiB upload: leaving asks first, the upload goes on after choosing the file again', async () => {
  await openFolder(plain);
  await clearFinished();
  const held = /[?&]partNumber=([3-9])&/;
  await page.route(held, () => {}); // parts 3… hang, so the reload comes while they are in flight
  const before = partsDone;
  await pick('#upload-files', big);
  await waitFor(async () => partsDone - before >= 2, 'two parts went up');
  await page.locator('.upload[data-key="big.bin"][data-state=uploading]').waitFor();
  await reloadThroughTheLeavePrompt();
  await page.unroute(held);
  const item = page.locator('.upload[data-key="big.bin"]');
  await page.locator('.upload[data-key="big.bin"][data-state="needs-file"]').waitFor();
  assert(/Choose “big\.bin” again/.test(await item.locator('.upload-detail').textContent()), 'the panel asks for the file again');
  await screenshot(page, 'desktop-resume');
  await pick(`button[aria-label="Choose the file to resume big.bin"]`, impostor);
  await page.locator('.toast.error', { hasText: 'has changed since the upload started' }).waitFor();
  assert(await item.getAttribute('data-state') === 'needs-file', 'another file with the same name, size and date is refused');
});

await steps.run('the unfinished-uploads page shows size, resumes and aborts', async () => {
  await page.click('#unfinished-uploads');
  const line = page.locator('.uploads-view tr[data-key="big.bin"]');
  await line.locator('td.num', { hasText: 'parts' }).waitFor();
  const size = await line.locator('td.num').textContent();
  assert(/16\.8 MB of 52\.4 MB · 2 parts/.test(size), `size of what is held: ${size}`);
  await screenshot(page, 'desktop-unfinished-uploads');
  const before = partsDone;
  await pick('button[aria-label="Resume big.bin"]', big);
  await page.locator('.toast.success', { hasText: 'Resuming big.bin.' }).waitFor();
  await waitUploaded(page, 'big.bin');
  assert(partsDone - before === 5, `only the 5 missing parts were sent (${partsDone - before})`);
  assert(await s3({ bucket: plain, key: 'big.bin', digest: true }) === sha(bigBytes), 'the 50 MiB read back are the bytes picked');

  // An upload cut off by a reload, aborted from the page, at phone size.
  await page.setViewportSize(PHONE);
  const mid = join(tmp, 'mid.bin');
  writeFileSync(mid, randomBytes(20 * MIB));
  await pickThenReload(mid, 'mid.bin');
  await screenshot(page, 'phone-resume');
  await page.click('#unfinished-uploads');
  await page.locator('.uploads-view tr[data-key="mid.bin"] td.num', { hasText: '1 part' }).waitFor();
  await phoneScreenshot('phone-unfinished-uploads');
  await page.getByRole('button', { name: 'Abort mid.bin' }).click();
  await pressDialogButton(page, 'Abort upload');
  await page.locator('.uploads-view [role=status]', { hasText: 'No unfinished uploads' }).waitFor();
  assert(!(await s3({ bucket: plain, query: { uploads: '' } })).includes('<Upload>'), 'the server holds no unfinished upload');
  await page.locator('.upload[data-key="mid.bin"][data-state="cancelled"]').waitFor();
  await page.setViewportSize(DESKTOP);
});

await steps.run('an upload started elsewhere resumes from the unfinished-uploads page once its file is checked', async () => {
  const file = join(tmp, 'else.bin');
  const bytes = randomBytes(20 * MIB);
  writeFileSync(file, bytes);
  mkdirSync(join(tmp, 'else'));
  const wrong = join(tmp, 'else', 'else.bin');
  writeFileSync(wrong, randomBytes(20 * MIB));
  await pickThenReload(file, 'else.bin');
  await page.evaluate(() => new Promise((resolve, reject) => { // forget it, as another browser never knew it
    const open = indexedDB.open('coffer-drive');
    open.onsuccess = () => {
      const tx = open.result.transaction('uploads', 'readwrite');
      tx.objectStore('uploads').clear();
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }));
  await page.reload();
  await page.locator('#shell').waitFor();
  await page.click('#unfinished-uploads');
  const line = page.locator('.uploads-view tr[data-key="else.bin"]');
  await line.locator('.hint', { hasText: 'Started elsewhere' }).waitFor();
  await pick('button[aria-label="Resume else.bin"]', wrong);
  await page.locator('.toast.error', { hasText: 'part 1 differs' }).waitFor();
  const after = partsDone;
  await pick('button[aria-label="Resume else.bin"]', file);
  await page.locator('.toast.success', { hasText: 'Resuming else.bin.' }).waitFor();
  await waitUploaded(page, 'else.bin');
  assert(partsDone - after === 2, `only the 2 missing parts were sent (${partsDone - after})`);
  assert(await s3({ bucket: plain, key: 'else.bin', digest: true }) === sha(bytes), 'else.bin read back is the bytes picked');
});

await steps.run('a closed tab: after signing in again in a new tab, the upload goes on', async () => {
  const file = join(tmp, 'tab.bin');
  const bytes = randomBytes(20 * MIB);
  writeFileSync(file, bytes);
  await openFolder(plain);
  await clearFinished();
  await page.route(/[?&]partNumber=([2-9])&/, () => {});
  const before = partsDone;
  await pick('#upload-files', file);
  await waitFor(async () => partsDone - before >= 1, 'one part went up');
  await page.close(); // the tab goes, and its session with it
  page = await context.newPage();
  await page.goto(`${driveUrl}#/${plain}/`);
  await page.locator('#signin-form').waitFor();
  await signIn(page, accessKey, secretKey);
  await page.locator('.upload[data-key="tab.bin"][data-state="needs-file"]').waitFor();
  const after = partNumbers.length;
  await pick('button[aria-label="Choose the file to resume tab.bin"]', file);
  await waitUploaded(page, 'tab.bin');
  // A part held when the tab closed may still have reached the server as it closed; part 1 surely had.
  const sent = partNumbers.slice(after);
  assert(sent.length >= 1 && !sent.includes(1), `part 1 was not sent again (sent after: ${sent})`);
  assert(await s3({ bucket: plain, key: 'tab.bin', digest: true }) === sha(bytes), 'tab.bin read back is the bytes picked');
});

/** Drops `name` (size bytes), lets part 1 go up and holds the others until `cut` has run, then lets them fail. */
async function uploadThroughAnOutage(name, size, cut, restore) {
  await openFolder(plain);
  await clearFinished();
  let release;
  const released = new Promise((r) => { release = r; });
  const held = /[?&]partNumber=([2-9])&/;
  await page.route(held, async (route) => { await released; await route.abort('connectionrefused').catch(() => {}); });
  const before = partsDone;
  const hashes = await dropFiles(page, [{ name, randomBytes: size }]);
  await waitFor(async () => partsDone - before >= 1, 'part 1 went up');
  await cut();
  await page.unroute(held);
  release();
  const item = page.locator(`.upload[data-key="${name}"]`);
  await page.locator(`.upload[data-key="${name}"][data-state=waiting]`).waitFor({ timeout: 60000 });
  assert(/cannot be reached\. Trying again by itself/.test(await item.locator('.upload-detail').textContent()), 'the panel says it will go on by itself');
  await restore();
  await waitUploaded(page, name, 150000); // no click: it goes on by itself
  assert(await s3({ bucket: plain, key: name, digest: true }) === hashes[name], `${name} read back is the bytes dropped`);
}

await steps.run('a dropped network: the upload waits and goes on by itself when the browser is online again', async () => {
  await uploadThroughAnOutage('net.bin', 20 * MIB, () => context.setOffline(true), async () => {
    assert(await page.evaluate(() => navigator.onLine) === false, 'the browser is offline');
    await context.setOffline(false);
  });
});

await steps.run('the server stopped and restarted during an upload: it completes without a click', async () => {
  await uploadThroughAnOutage('restart.bin', 40 * MIB, () => control('stop'), async () => {
    await screenshot(page, 'desktop-server-away');
    await control('start');
  });
});

await close();
rmSync(tmp, { recursive: true, force: true });
process.exit(steps.summary());
