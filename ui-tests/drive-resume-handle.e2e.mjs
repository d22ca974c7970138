// A file dragged from the disk keeps its File System Access handle across a reload, in headless
// Chromium:
//   node drive-resume-handle.e2e.mjs <driveUrl> <accessKey> <secretKey> <bucket>
// A 40 MiB file is dragged onto the folder view as the operating system drags one (DevTools'
// Input.dispatchDragEvent with the file's path: Chromium then gives the drop a real
// FileSystemFileHandle, which a DataTransfer made in the page never has); parts 3… are held and
// the page reloads in the middle. The upload's IndexedDB record then holds that handle, and the
// panel offers to go on. What headless Chromium cannot show: after a reload it puts the handle's
// read permission back to "prompt", and the prompt requestPermission() opens cannot be answered
// here (neither Playwright's grantPermissions nor DevTools' Browser.setPermission has a File System
// Access type), so the step "the drive reads the file from the handle and goes on" is not driven.
// Prints "handle kept - …" for DriveUploadsUiIT, which checks the unfinished upload's parts.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assert, DESKTOP, failureShot, launch, Steps } from './lib/harness.mjs';
import { dragFromDisk, signIn } from './lib/drive-page.mjs';

const [driveUrl, accessKey, secretKey, bucket] = process.argv.slice(2);
if (!bucket) {
  console.error('usage: node drive-resume-handle.e2e.mjs <driveUrl> <accessKey> <secretKey> <bucket>');
  process.exit(2);
}
const MIB = 1024 * 1024;
const steps = new Steps();
const { context, close } = await launch(DESKTOP);
const page = context.pages()[0] || (await context.newPage());
context.on('weberror', (e) => console.log(`page error - ${e.error().message}`));
steps.onFailure = (name) => failureShot(page, name);
const tmp = mkdtempSync(join(tmpdir(), 'drive-handle-'));
const path = join(tmp, 'dragged.bin');
const bytes = randomBytes(40 * MIB);
writeFileSync(path, bytes);

const parts = []; // the part numbers of the UploadPart requests the server accepted
context.on('requestfinished', async (request) => {
  const number = /[?&]partNumber=(\d+)/.exec(request.url());
  if (request.method() === 'PUT' && number && (await request.response())?.status() === 200) {
    parts.push(Number(number[1]));
  }
});

await steps.run('a file dragged from the disk keeps its File System Access handle in the upload\'s record across a reload in the middle', async () => {
  await page.goto(`${driveUrl}#/${bucket}/`);
  await signIn(page, accessKey, secretKey);
  await page.locator('.browser-view').waitFor();
  const held = /[?&]partNumber=([3-9])&/;
  await page.route(held, () => {}); // parts 3… hang, so the reload comes while they are in flight
  await dragFromDisk(page, [path]);
  await page.locator('.upload[data-key="dragged.bin"][data-state=uploading]').waitFor();
  const deadline = Date.now() + 120000;
  while (parts.length < 2) {
    assert(Date.now() < deadline, 'two parts went up');
    await page.waitForTimeout(50);
  }
  let asked = null;
  page.once('dialog', (d) => { asked = d.type(); d.accept(); });
  await page.reload();
  assert(asked === 'beforeunload', `leaving asked first (dialog: ${asked})`);
  await page.unroute(held);
  await page.locator('.upload[data-key="dragged.bin"][data-state="needs-file"]').waitFor();
  const kept = await page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open('coffer-drive', 1);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const all = await new Promise((resolve) => {
      const g = db.transaction('uploads').objectStore('uploads').getAll();
      g.onsuccess = () => resolve(g.result);
    });
    db.close();
    return Promise.all(all.map(async (r) => ({ key: r.key, parts: (r.parts || []).length,
      handle: r.handle instanceof FileSystemFileHandle ? r.handle.name : null,
      permission: r.handle ? await r.handle.queryPermission({ mode: 'read' }) : null })));
  });
  const record = kept.find((r) => r.key === 'dragged.bin');
  assert(record && record.handle === 'dragged.bin', 'the upload\'s record keeps the dropped file\'s handle: ' + JSON.stringify(kept));
  const sent = [...parts].sort();
  assert(sent.join() === '1,2', 'parts 1 and 2 went up before the reload: ' + sent);
  console.log(`handle kept - dragged.bin: a FileSystemFileHandle in the upload's record after the reload (read permission now ${record.permission}); parts on the server ${sent}`);
});

await close();
rmSync(tmp, { recursive: true, force: true });
process.exit(steps.summary());
