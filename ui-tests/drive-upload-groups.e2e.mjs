// A folder upload is one line in Coffer Drive's upload panel, in headless Chromium:
//   node drive-upload-groups.e2e.mjs <driveUrl> <accessKey> <secretKey> <bucket>
// A picked folder of 200 files shows one line that counts to "200 of 200 files" and opens to its
// files; Cancel on a folder stops every file not yet sent (a listing holds only those the line
// counted done); a dragged folder some of whose files a bucket policy refuses says "4 failed",
// lists those first with S3's reason, and "Retry failed" sends them once the policy is gone; a
// folder line that settled with failures is removed from the list as a whole; after a reload, a
// folder's unfinished large file comes back under the folder's line and picking the folder again
// finishes it.
// Screenshots go to docs/screenshots/drive-upload-folder-*.png.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assert, DESKTOP, failureShot, launch, PHONE, screenshot, Steps } from './lib/harness.mjs';
import { dragFromDisk, signIn } from './lib/drive-page.mjs';
import { uploadsKit } from './lib/uploads-kit.mjs';

const [driveUrl, accessKey, secretKey, bucket] = process.argv.slice(2);
if (!driveUrl || !accessKey || !secretKey || !bucket) {
  console.error('usage: node drive-upload-groups.e2e.mjs <driveUrl> <accessKey> <secretKey> <bucket>');
  process.exit(2);
}
const steps = new Steps();
const { context, close } = await launch(DESKTOP);
const page = context.pages()[0] || (await context.newPage());
context.on('weberror', (e) => console.log(`page error - ${e.error().message}`));
steps.onFailure = (name) => failureShot(page, name);
const { s3, openFolder, clearFinished, pick, waitFor, reloadThroughTheLeavePrompt } = uploadsKit(() => page, driveUrl);
const tmp = mkdtempSync(join(tmpdir(), 'drive-upload-groups-'));

/** A folder on disk: `count` small files "f000.txt"…, the last `nested` of them in "sub/". */
function folder(name, count, nested = 0) {
  const dir = join(tmp, name);
  mkdirSync(nested ? join(dir, 'sub') : dir, { recursive: true });
  const paths = [];
  for (let i = 0; i < count; i++) {
    const path = (i >= count - nested ? 'sub/' : '') + `f${String(i).padStart(3, '0')}.txt`;
    writeFileSync(join(dir, path), `${name}/${path} `.repeat(20));
    paths.push(path);
  }
  return { dir, paths };
}

const line = (prefix) => page.locator(`.upload-group[data-group="${prefix}"]`);
const said = async (prefix) => ({
  state: await line(prefix).getAttribute('data-state'),
  status: await line(prefix).locator('> .upload-line .upload-percent').textContent(),
  detail: await line(prefix).locator('> .upload-detail').textContent(),
});
const listed = async (prefix) => [...(await s3({ bucket, query: { 'list-type': '2', prefix } })).matchAll(/<Key>(.*?)<\/Key>/g)].map((m) => m[1]).sort();

/** Opens a folder line's files (bringing the panel back first if it collapsed by itself). */
async function openFiles(prefix) {
  const show = page.locator('.uploads-head').getByRole('button', { name: 'Show', exact: true });
  if (await show.isVisible()) await show.click();
  await line(prefix).locator('.group-toggle').click();
  await line(prefix).locator('.group-files').waitFor();
}

if (!(await steps.run('sign in', async () => {
  await page.goto(driveUrl);
  await signIn(page, accessKey, secretKey);
  await page.locator('.buckets-view').waitFor();
}))) {
  await close();
  process.exit(steps.summary());
}

await steps.run('a folder of 200 files is one line that counts to 200 of 200, and opens to its files', async () => {
  const { dir, paths } = folder('photos', 200, 20);
  await openFolder(bucket);
  await pick('#upload-folder', dir);
  await line('photos/').waitFor();
  let lines = 0;
  await waitFor(async () => {
    lines = Math.max(lines, await page.locator('.upload-list > li').count());
    return (await line('photos/').getAttribute('data-state')) === 'done';
  }, 'the folder uploaded', 90000);
  assert(lines === 1, `one line in the panel for the folder, not one per file (${lines} lines at most)`);
  const { status, detail } = await said('photos/');
  assert(status === 'Done' && detail.startsWith('200 of 200 files · '), `the line says so: "${status}", "${detail}"`);
  assert(await line('photos/').locator('> [role=progressbar]').getAttribute('aria-valuenow') === '100', 'its one bar is full');
  assert(await page.locator('.upload[data-key^="photos/"]').first().isHidden(), 'the files\' own lines are folded away');
  await openFiles('photos/');
  assert(await line('photos/').locator('.group-files .upload[data-state=done]').count() === 200, 'opened, it lists its 200 files, each done');
  await screenshot(page, 'drive-upload-folder-done');
  const keys = await listed('photos/');
  assert(JSON.stringify(keys) === JSON.stringify(paths.map((p) => 'photos/' + p).sort()), `the bucket holds the 200 files under their paths (${keys.length})`);
});

await steps.run('Cancel on a folder stops every file not yet uploaded: the line says cancelled, the bucket holds only those counted done', async () => {
  const { dir } = folder('holiday', 60);
  await openFolder(bucket, 'cancel/');
  await clearFinished();
  let passed = 0;
  const held = [];
  const mine = (url) => url.pathname.includes('/cancel/holiday/');
  await page.route(mine, (route) => {
    if (route.request().method() !== 'PUT' || passed < 30) {
      if (route.request().method() === 'PUT') passed++;
      return route.continue();
    }
    held.push(route); // never answered: the upload is still going when Cancel is pressed
  });
  try {
    await pick('#upload-folder', dir);
    await waitFor(async () => held.length === 6 && (await said('cancel/holiday/')).detail.startsWith('30 of 60 files'), 'six small files in flight after 30 done');
    await line('cancel/holiday/').getByRole('button', { name: 'Cancel upload of folder holiday' }).click();
    await page.locator('.upload-group[data-group="cancel/holiday/"][data-state=cancelled]').waitFor({ state: 'attached' });
  } finally {
    await page.unroute(mine);
  }
  const { status, detail } = await said('cancel/holiday/');
  assert(status === 'Cancelled' && /^30 of 60 files · .* · 30 cancelled$/.test(detail), `the line says so: "${status}", "${detail}"`);
  await page.waitForTimeout(1000); // time for any upload that went on regardless to land
  const done = await line('cancel/holiday/').locator('.upload[data-state=done]').evaluateAll((rows) => rows.map((r) => r.dataset.key).sort());
  const keys = await listed('cancel/holiday/');
  assert(keys.length === 30 && JSON.stringify(keys) === JSON.stringify(done), `the bucket holds exactly the 30 files the line counted done: ${keys.length}`);
});

await steps.run('a dragged folder some of whose files a policy refuses says "4 failed", shows them first with the reason; Retry failed sends them once allowed', async () => {
  const { dir, paths } = folder('mixed', 20, 4);
  const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: `arn:aws:s3:::${bucket}/mixed/sub/*` }] };
  await s3({ method: 'PUT', bucket, query: { policy: '' }, body: JSON.stringify(policy) });
  await openFolder(bucket);
  await clearFinished();
  await dragFromDisk(page, [dir]);
  await page.locator('.upload-group[data-group="mixed/"][data-state=failed]').waitFor({ state: 'attached', timeout: 60000 });
  const failed = await said('mixed/');
  assert(failed.status === '4 failed' && failed.detail.startsWith('16 of 20 files · '), `the line says so: "${failed.status}", "${failed.detail}"`);
  await openFiles('mixed/');
  const first = line('mixed/').locator('.group-files > .upload');
  const top = await first.evaluateAll((rows) => rows.slice(0, 4).map((r) => `${r.dataset.key} ${r.dataset.state}`));
  assert(JSON.stringify(top) === JSON.stringify(paths.slice(16).map((p) => `mixed/${p} failed`)), `the failed files first, in name order: ${top}`);
  const reason = await first.first().locator('.upload-detail').textContent();
  assert(reason.startsWith('AccessDenied'), `each with S3's reason: ${reason}`);
  assert(await first.first().getByRole('button', { name: /^Retry upload/ }).count() === 0, 'no Retry of one file where the same refusal would come again');
  await screenshot(page, 'drive-upload-folder-failed');
  await page.setViewportSize(PHONE);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert(overflow <= 0 && await line('mixed/').getByRole('button', { name: 'Retry the failed files of mixed' }).isVisible(),
    `on a phone the opened folder fits (${overflow}px too wide) and Retry failed is there`);
  const lines = await page.locator('.uploads-head').evaluate((head) => [...head.children].map((el) => { // the lines each one's text takes
    const range = document.createRange();
    range.selectNodeContents(el);
    const tops = [...range.getClientRects()].filter((r) => r.width > 1).map((r) => r.top).sort((a, b) => a - b); // not the 1px "Uploads: " for screen readers
    return `${el.textContent}: ${tops.filter((t, k) => k === 0 || t - tops[k - 1] > 4).length}`;
  }));
  assert(lines.every((l) => l.endsWith(': 1')), `on a phone the panel's header stays one line (${lines.join(', ')})`);
  await page.setViewportSize(DESKTOP);
  await s3({ method: 'DELETE', bucket, query: { policy: '' } });
  await line('mixed/').getByRole('button', { name: 'Retry the failed files of mixed' }).focus();
  await page.keyboard.press('Enter'); // by keyboard: the button goes (Cancel takes its place), the focus stays on the folder's line
  const focused = await page.evaluate(() => document.activeElement.closest('[data-group]')?.dataset.group || document.activeElement.tagName);
  assert(focused === 'mixed/', `after Retry failed the focus is on the folder's line, not lost (${focused})`);
  await page.locator('.upload-group[data-group="mixed/"][data-state=done]').waitFor({ state: 'attached', timeout: 60000 });
  const after = await said('mixed/');
  assert(after.status === 'Done' && after.detail.startsWith('20 of 20 files · '), `the line says so: "${after.status}", "${after.detail}"`);
  assert((await listed('mixed/')).length === 20, 'the bucket holds all 20');
});

await steps.run('a folder line that settled with failures leaves the list as a whole', async () => {
  const { dir } = folder('refused', 3);
  const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: `arn:aws:s3:::${bucket}/refused/*` }] };
  await s3({ method: 'PUT', bucket, query: { policy: '' }, body: JSON.stringify(policy) });
  try {
    await openFolder(bucket);
    await clearFinished();
    await pick('#upload-folder', dir);
    await page.locator('.upload-group[data-group="refused/"][data-state=failed]').waitFor({ state: 'attached', timeout: 60000 });
  } finally {
    await s3({ method: 'DELETE', bucket, query: { policy: '' } });
  }
  const head = await page.locator('.uploads-title').textContent();
  assert(head.includes('3 failed'), `the panel counts the refused files: "${head}"`);
  await line('refused/').getByRole('button', { name: 'Remove folder refused from the list' }).focus();
  await page.keyboard.press('Enter');
  await line('refused/').waitFor({ state: 'detached' });
  assert(await page.locator('#uploads').isHidden(), 'with nothing left in it, the panel goes');
  const focused = await page.evaluate(() => document.activeElement.id || document.activeElement.tagName);
  assert(focused === 'main', `the focus goes on to the page's content, not back to its top (${focused})`);
});

await steps.run('after a reload, a folder\'s unfinished large file is back under the folder\'s line, and "Choose folder" finishes it', async () => {
  const dir = join(tmp, 'album');
  mkdirSync(dir);
  writeFileSync(join(dir, 'notes.txt'), 'notes');
  const video = randomBytes(20 * 1024 * 1024); // multipart: parts of 8, 8 and 4 MiB
  writeFileSync(join(dir, 'video.bin'), video);
  await openFolder(bucket);
  await clearFinished();
  const later = /[?&]partNumber=[23]&/;
  await page.route(later, () => {}); // parts 2 and 3 hang, so the reload comes while they are in flight
  const first = page.waitForResponse((r) => /[?&]partNumber=1&/.test(r.url()) && r.request().method() === 'PUT' && r.status() === 200);
  await pick('#upload-folder', dir);
  await first;
  await reloadThroughTheLeavePrompt();
  await page.unroute(later);
  await page.locator('.upload-group[data-group="album/"][data-state=needs-file]').waitFor({ state: 'attached' });
  const { status, detail } = await said('album/');
  assert(status === 'Unfinished' && /^0 of 1 file · .* of 21\.0 MB · 1 file to resume: choose “album” again to go on$/.test(detail),
    `the folder's line says so: "${status}", "${detail}"`);
  assert(await page.locator('.upload-list > .upload').count() === 0, 'the unfinished file has no line of its own');
  await pick('button[aria-label="Choose the folder album again to resume its files"]', dir);
  await page.locator('.upload-group[data-group="album/"][data-state=done]').waitFor({ state: 'attached', timeout: 60000 });
  assert((await said('album/')).detail.startsWith('1 of 1 file · '), 'the line counts it done');
  assert(await s3({ bucket, key: 'album/video.bin', digest: true }) === createHash('sha256').update(video).digest('hex'), 'the bytes read back are the file\'s');
});

await close();
rmSync(tmp, { recursive: true, force: true });
process.exit(steps.summary());
