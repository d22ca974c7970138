// Coffer Drive acting like a drive, in headless Chromium, at desktop (1280×800) and phone (390×844)
// sizes: grid view with thumbnails, previous/next in previews, Markdown tables, Office files,
// row and right-click menus, the sticky action bar, Move with the folder picker, selection and
// focus after moves, deletes and renames, zip downloads (read back entry by entry), search of a
// whole bucket, versions to the second, the versioning state on the bucket list, and the phone
// layout. Screenshots go to docs/screenshots/drive-browse-*.png.
//   node drive-browse.e2e.mjs <driveUrl> <s3Endpoint> <accessKey> <secretKey> <searchBucket> <searchMatches>
// <searchBucket> is made by the caller: many objects, <searchMatches> of them with "needle" in
// their names in mixed case.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { assert, DESKTOP, failureShot, launch, PHONE, screenshot, Steps } from './lib/harness.mjs';
import { answerPrompt, clearSelection, dropFiles, openDialog, pressDialogButton, row, select, signIn, waitForRows, waitUploaded } from './lib/drive-page.mjs';
import { readZipExpecting } from './lib/zip-reader.mjs';

const [driveUrl, endpoint, accessKey, secretKey, searchBucket, searchMatches] = process.argv.slice(2);
if (!driveUrl || !endpoint || !accessKey || !secretKey || !searchBucket || !searchMatches) {
  console.error('usage: node drive-browse.e2e.mjs <driveUrl> <s3Endpoint> <accessKey> <secretKey> <searchBucket> <searchMatches>');
  process.exit(2);
}
const MIB = 1024 * 1024;
const bucket = 'browse-' + Date.now().toString(36);
const steps = new Steps();
const { context, close } = await launch(DESKTOP);
const page = context.pages()[0] || (await context.newPage());
page.on('pageerror', (e) => console.log(`page error - ${e.message}`));
const gets = []; // GETs of objects: { key, range }
page.on('request', (request) => {
  const url = new URL(request.url());
  if (request.method() === 'GET' && url.origin === new URL(endpoint).origin && url.pathname.startsWith(`/${bucket}/`)) {
    gets.push({ key: decodeURIComponent(url.pathname.slice(bucket.length + 2)), range: request.headers().range || null });
  }
});
steps.onFailure = async (name) => {
  await failureShot(page, name);
  await page.keyboard.press('Escape');
  while (await openDialog(page).count()) await page.keyboard.press('Escape');
};
const sha = (buffer) => createHash('sha256').update(buffer).digest('hex');
const hashes = {};
const go = async (prefix) => {
  await page.evaluate((hash) => { location.hash = hash; }, `#/${bucket}/${prefix}`);
  await page.locator(`.browser-view[aria-label="Folder ${prefix || bucket}"]`).waitFor();
};
const selectedCount = () => page.locator('.rows .row[aria-selected=true]').count();
const toastGone = async () => {
  for (const button of await page.locator('.toast .icon-button').all()) await button.click({ timeout: 1000 }).catch(() => {}); // some go by themselves
};

async function must(name, fn) {
  if (!(await steps.run(name, fn))) {
    await close();
    process.exit(steps.summary());
  }
}

await must('sign in, create a bucket, and drop images, a Markdown table, an Office file and text files', async () => {
  await page.goto(driveUrl);
  await signIn(page, accessKey, secretKey);
  await page.locator('.buckets-view').waitFor();
  await page.click('#new-bucket');
  await answerPrompt(page, bucket);
  await page.locator('.browser-view').waitFor();
  for (const folder of ['photos', 'archive/2024', 'docs']) {
    await page.click('#new-folder');
    await answerPrompt(page, folder);
  }
  Object.assign(hashes, await dropFiles(page, [
    { name: 'hello.txt', type: 'text/plain', text: 'hello coffer' },
    { name: 'todo.txt', type: 'text/plain', text: 'buy milk\n' },
    { name: 'data.bin', randomBytes: 300000 },
  ]));
  for (const key of ['hello.txt', 'todo.txt', 'data.bin']) await waitUploaded(page, key);
  await go('photos/');
  const dropped = await dropFiles(page, [
    { name: 'a-sunrise.png', type: 'image/png', png: [640, 400] },
    { name: 'b-portrait.png', type: 'image/png', png: [300, 480] },
    { name: 'c-square.png', type: 'image/png', png: [360, 360] },
    { name: 'd-huge.png', type: 'image/png', randomBytes: 5 * MIB },
    { name: 'notes.md', type: 'text/markdown', text: '# Trip\n\n| Day | Place | Km |\n|:----|:-----:|---:|\n| Mon | Lyon | 12 |\n| Tue | Annecy \\| lake | 7 |\n\nAfter the table.\n' },
    { name: 'report.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', randomBytes: 20000 },
  ]);
  for (const [name, hash] of Object.entries(dropped)) hashes['photos/' + name] = hash;
  for (const name of Object.keys(dropped)) await waitUploaded(page, 'photos/' + name);
  await page.getByRole('button', { name: 'Clear finished' }).click();
  await waitForRows(page, (k) => k.length === 6, 'the six files of photos/');
});

await steps.run('grid view: a toggle that is remembered, thumbnails of small images from ranged reads, cached across a reload', async () => {
  assert((await page.locator('#view-toggle').getAttribute('aria-pressed')) === 'false', 'the list is the first view');
  await page.click('#view-toggle');
  await page.locator('.file-list.grid').waitFor();
  for (const name of ['a-sunrise.png', 'b-portrait.png', 'c-square.png']) await row(page, 'photos/' + name).locator('img.thumb').waitFor();
  const imageGets = gets.filter((g) => /\.png$/.test(g.key));
  for (const name of ['a-sunrise.png', 'b-portrait.png', 'c-square.png']) {
    const reads = imageGets.filter((g) => g.key === 'photos/' + name);
    assert(reads.length === 1 && reads[0].range === 'bytes=0-4194303', `one ranged read of ${name}: ${JSON.stringify(reads)}`);
  }
  assert(!imageGets.some((g) => g.key === 'photos/d-huge.png'), 'the 5 MiB image is not read for a thumbnail');
  assert((await row(page, 'photos/d-huge.png').locator('img.thumb').count()) === 0, 'the 5 MiB image shows its icon');
  const width = await row(page, 'photos/a-sunrise.png').locator('img.thumb').evaluate((img) => img.naturalWidth);
  assert(width === 320, `the thumbnail is drawn down to 320 px (${width})`);
  await row(page, 'photos/a-sunrise.png').focus();
  await page.keyboard.press('ArrowRight');
  assert(await page.evaluate(() => document.activeElement.dataset.key) === 'photos/b-portrait.png', 'ArrowRight goes to the next tile');
  await page.keyboard.press('ArrowLeft');
  assert(await page.evaluate(() => document.activeElement.dataset.key) === 'photos/a-sunrise.png', 'ArrowLeft comes back');
  await toastGone();
  await screenshot(page, 'drive-browse-desktop-grid');
  const before = gets.length;
  await page.reload();
  await page.locator('.file-list.grid').waitFor();
  assert((await page.locator('#view-toggle').getAttribute('aria-pressed')) === 'true', 'the grid is remembered after a reload');
  for (const name of ['a-sunrise.png', 'b-portrait.png', 'c-square.png']) await row(page, 'photos/' + name).locator('img.thumb').waitFor();
  const again = gets.slice(before).filter((g) => /\.png$/.test(g.key));
  assert(again.length === 0, `thumbnails come from the cache after a reload, no GET: ${JSON.stringify(again)}`);
});

await steps.run('preview: previous and next by buttons and arrow keys; a Markdown table; an Office file offered for download', async () => {
  await row(page, 'photos/a-sunrise.png').locator('.name').click();
  const holder = openDialog(page).locator('#preview');
  await holder.locator('img').waitFor();
  assert((await page.locator('.preview-position').textContent()) === '1 of 6', 'position 1 of 6');
  assert(await page.locator('#preview-prev').isDisabled(), 'no previous on the first file');
  await page.click('#preview-next');
  await page.locator('#preview[data-key="photos/b-portrait.png"] img').waitFor();
  assert((await openDialog(page).locator('.dialog-head h2').textContent()) === 'b-portrait.png', 'the title follows');
  await page.keyboard.press('ArrowRight');
  await page.locator('#preview[data-key="photos/c-square.png"] img').waitFor();
  await page.keyboard.press('ArrowLeft');
  await page.locator('#preview[data-key="photos/b-portrait.png"] img').waitFor();
  await page.waitForFunction(() => { const i = document.querySelector('#preview img'); return i && i.complete && i.naturalWidth === 300; });
  await screenshot(page, 'drive-browse-desktop-preview-next');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  const table = openDialog(page).locator('#preview[data-key="photos/notes.md"] .preview-markdown table');
  await table.waitFor();
  const cells = await table.locator('th, td').allTextContents();
  assert(JSON.stringify(cells) === JSON.stringify(['Day', 'Place', 'Km', 'Mon', 'Lyon', '12', 'Tue', 'Annecy | lake', '7']), `table cells: ${cells}`);
  assert((await table.locator('td').nth(2).getAttribute('class')) === 'align-right', 'the third column is right-aligned');
  assert((await openDialog(page).locator('.preview-markdown p').textContent()) === 'After the table.', 'text after the table is a paragraph');
  await screenshot(page, 'drive-browse-desktop-markdown-table');
  await page.keyboard.press('ArrowRight');
  const office = openDialog(page).locator('#preview-office');
  await office.waitFor();
  assert(/cannot be shown in the browser/.test(await office.textContent()), 'the Office file says it cannot be shown');
  assert(await page.locator('#preview-next').isDisabled(), 'no next on the last file');
  await screenshot(page, 'drive-browse-desktop-office');
  const [download] = await Promise.all([page.waitForEvent('download'), office.getByRole('button', { name: 'Download to open' }).click()]);
  assert(download.suggestedFilename() === 'report.docx', `downloads as ${download.suggestedFilename()}`);
  assert(sha(readFileSync(await download.path())) === hashes['photos/report.docx'], 'the downloaded docx has the dropped bytes');
  await openDialog(page).waitFor({ state: 'detached' });
});

await steps.run('row menu (⋯) and right-click menu act on that row; Escape gives the focus back', async () => {
  await page.click('#view-toggle'); // back to the list
  await page.locator('.file-list:not(.grid)').waitFor();
  await go('');
  await waitForRows(page, (k) => k.includes('hello.txt'), 'the bucket root');
  await row(page, 'hello.txt').locator('.row-menu').click();
  const menu = page.locator('#context-menu');
  await menu.waitFor();
  assert((await menu.getAttribute('aria-label')) === 'Actions for hello.txt', 'the menu names its row');
  assert(await selectedCount() === 1 && (await row(page, 'hello.txt').getAttribute('aria-selected')) === 'true', 'the row is selected');
  await screenshot(page, 'drive-browse-desktop-row-menu');
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached' });
  assert(await page.evaluate(() => document.activeElement.dataset.key) === 'hello.txt', 'focus is back on the row');
  await row(page, 'todo.txt').click({ button: 'right', position: { x: 300, y: 20 } });
  await menu.waitFor();
  assert(await selectedCount() === 1 && (await row(page, 'todo.txt').getAttribute('aria-selected')) === 'true', 'a right-click selects only that row');
  await menu.getByRole('menuitem', { name: 'Details' }).click();
  await openDialog(page).locator('#details dl', { hasText: 'todo.txt' }).waitFor();
  await page.keyboard.press('Escape');
  await openDialog(page).waitFor({ state: 'detached' });
  await select(page, ['hello.txt']);
  await row(page, 'hello.txt').click({ button: 'right', position: { x: 300, y: 20 } });
  assert((await menu.getAttribute('aria-label')) === 'Actions for 2 items', 'a right-click inside the selection keeps it');
  assert(await menu.getByRole('menuitem', { name: 'Rename' }).isDisabled(), 'Rename needs one item');
  await page.keyboard.press('Escape');
  await clearSelection(page);
});

await steps.run('move a file and a folder with the folder picker; selection and focus stay consistent', async () => {
  await select(page, ['todo.txt', 'docs/']);
  await page.click('#action-move');
  const picker = openDialog(page).locator('#folder-picker');
  await picker.locator('[data-prefix="archive/"]').waitFor();
  assert(await picker.locator('[data-prefix="docs/"]').isDisabled(), 'a folder being moved cannot be its own target');
  await picker.locator('[data-prefix="archive/"]').click();
  await picker.locator('[data-prefix="archive/2024/"]').click();
  await openDialog(page).locator('.picker-here', { hasText: 'archive/2024' }).waitFor();
  await screenshot(page, 'drive-browse-desktop-folder-picker');
  await pressDialogButton(page, 'Move here');
  await waitForRows(page, (k) => !k.includes('todo.txt') && !k.includes('docs/'), 'without the moved items');
  assert(await selectedCount() === 0, 'no row is selected after the move');
  assert((await page.locator('.selection-count').textContent()) === '', 'the bar counts nothing selected');
  assert(await page.locator('#action-move').isDisabled(), 'Move is off with nothing selected');
  await go('archive/2024/');
  await waitForRows(page, (k) => k.includes('archive/2024/docs/') && k.includes('archive/2024/todo.txt'), 'the moved items in archive/2024/');
  await go('');
  await waitForRows(page, (k) => k.includes('hello.txt'), 'the root');
  await select(page, ['data.bin', 'hello.txt']);
  await row(page, 'data.bin').locator('.row-menu').click();
  await page.locator('#context-menu').getByRole('menuitem', { name: 'Delete 2 items' }).click();
  await pressDialogButton(page, 'Delete');
  await waitForRows(page, (k) => !k.includes('data.bin') && !k.includes('hello.txt'), 'without the deleted files');
  assert(await selectedCount() === 0 && (await page.locator('.selection-count').textContent()) === '', 'nothing selected after the delete');
  assert(!(await page.locator('.list-head input[type=checkbox]').isChecked()), 'select-all is not checked');
  await toastGone();
});

await steps.run('rename keeps the focus on the renamed row', async () => {
  await go('archive/2024/');
  await waitForRows(page, (k) => k.includes('archive/2024/todo.txt'), 'archive/2024/');
  await row(page, 'archive/2024/todo.txt').focus();
  await page.keyboard.press('F2');
  await answerPrompt(page, 'archive/2024/todo-done.txt');
  await waitForRows(page, (k) => k.includes('archive/2024/todo-done.txt'), 'with the new name');
  await page.waitForFunction(() => document.activeElement?.dataset?.key === 'archive/2024/todo-done.txt');
  await page.keyboard.press('ArrowUp');
  assert(await page.evaluate(() => document.activeElement.dataset.key) === 'archive/2024/docs/', 'the keyboard goes on from there');
  await clearSelection(page);
});

await steps.run('several files and a folder as one zip, streamed to a file chosen with the File System Access API', async () => {
  await go('');
  await page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    window.showSaveFilePicker = async ({ suggestedName }) => root.getFileHandle(suggestedName, { create: true }); // stands in for the save dialog
  });
  Object.assign(hashes, await dropFiles(page, [{ name: 'one.txt', type: 'text/plain', text: 'one' }, { name: 'two.bin', randomBytes: 2 * MIB + 17 }]));
  await waitUploaded(page, 'one.txt');
  await waitUploaded(page, 'two.bin');
  await page.getByRole('button', { name: 'Clear finished' }).click();
  await waitForRows(page, (k) => k.includes('two.bin'), 'with the two files');
  await select(page, ['photos/', 'one.txt', 'two.bin']);
  await page.click('#action-zip');
  await page.locator('.toast.success', { hasText: '.zip' }).waitFor({ timeout: 60000 });
  const name = await page.locator('.toast.success', { hasText: '.zip' }).textContent();
  assert(name.startsWith(`${bucket}.zip: 9 items`), `toast: ${name}`);
  const base64 = await page.evaluate(async (file) => {
    const handle = await (await navigator.storage.getDirectory()).getFileHandle(file);
    const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 32768) s += String.fromCharCode(...bytes.subarray(i, i + 32768));
    return btoa(s);
  }, `${bucket}.zip`);
  const expected = { 'one.txt': hashes['one.txt'], 'two.bin': hashes['two.bin'] };
  for (const n of ['a-sunrise.png', 'b-portrait.png', 'c-square.png', 'd-huge.png', 'notes.md', 'report.docx']) expected['photos/' + n] = hashes['photos/' + n];
  const entries = readZipExpecting(Buffer.from(base64, 'base64'), expected);
  assert(entries.some((e) => e.name === 'photos/' && e.directory), 'the folder marker is a folder entry');
  console.log(`zip - ${entries.length} entries, ${Buffer.from(base64, 'base64').length} bytes, through showSaveFilePicker`);
  await clearSelection(page);
  await toastGone();
});

await steps.run('without the File System Access API the zip is a download; its entries are byte for byte what was uploaded', async () => {
  await page.evaluate(() => { window.showSaveFilePicker = undefined; });
  await go('archive/');
  await waitForRows(page, (k) => k.includes('archive/2024/'), 'archive/');
  await select(page, ['archive/2024/']);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#action-zip')]);
  assert(download.suggestedFilename() === '2024.zip', `named for the folder: ${download.suggestedFilename()}`);
  const entries = readZipExpecting(readFileSync(await download.path()), { '2024/todo-done.txt': sha(Buffer.from('buy milk\n')) });
  assert(entries.some((e) => e.name === '2024/docs/'), 'the empty folder is kept');
  await clearSelection(page);
  await toastGone();
});

await steps.run('search the whole bucket: case-insensitive substring, a page at a time with More; no matches is said so', async () => {
  await page.evaluate((b) => { location.hash = `#/${b}/`; }, searchBucket);
  await page.locator(`.browser-view[aria-label="Folder ${searchBucket}"]`).waitFor();
  await page.fill('#search', 'NeEdLe');
  await page.locator('#search-more').waitFor();
  const first = await page.locator('.file-list').getAttribute('aria-rowcount') - 1;
  assert(first >= 100 && first < Number(searchMatches), `a first page of matches (${first})`);
  const status = await page.locator('.list-status').textContent();
  assert(/^\d+ matches for “NeEdLe” in the first [\d,]+ objects$/.test(status), `status: ${status}`);
  await screenshot(page, 'drive-browse-desktop-search');
  while (await page.locator('#search-more').isVisible()) {
    await page.click('#search-more');
    await page.waitForFunction(() => !document.querySelector('.list-status').textContent.includes('searching'));
  }
  const all = Number(await page.locator('.file-list').getAttribute('aria-rowcount')) - 1;
  assert(all === Number(searchMatches), `every match found: ${all} of ${searchMatches}`);
  const keys = await page.locator('.rows .row').evaluateAll((rows) => rows.map((r) => r.dataset.key));
  assert(keys.every((k) => /needle/i.test(k.split('/').pop())), 'only names with the needle');
  assert(keys.some((k) => k.includes('NEEDLE')) && keys.some((k) => k.includes('needle')), 'upper and lower case both found');
  await row(page, keys[0]).locator('.path').waitFor();
  await page.fill('#search', 'no-such-name-zz');
  await page.locator('.list-status', { hasText: 'No matches for “no-such-name-zz” in this bucket.' }).waitFor();
  assert(!(await page.locator('.list-status').textContent()).includes('Nothing here yet'), 'not the empty-folder message');
  await screenshot(page, 'drive-browse-desktop-no-matches');
  await page.fill('#search', '');
  await page.fill('#filter', 'zz-nothing');
  await page.locator('.list-status', { hasText: 'No names here start with “zz-nothing”.' }).waitFor();
  await page.fill('#filter', '');
});

await steps.run('versions to the second, preview and download of an earlier version; the bucket list shows versioning', async () => {
  await go('');
  await page.click('#bucket-settings');
  await pressDialogButton(page, 'Turn versioning on');
  await page.locator('.toast.success', { hasText: 'Versioning is on' }).waitFor();
  await dropFiles(page, [{ name: 'doc.md', type: 'text/markdown', text: '# first version' }]);
  await waitUploaded(page, 'doc.md');
  await page.getByRole('button', { name: 'Clear finished' }).click();
  await dropFiles(page, [{ name: 'doc.md', type: 'text/markdown', text: '# second version' }]);
  await pressDialogButton(page, 'Keep as a version'); // the name exists: the drive asks before it uploads
  await waitUploaded(page, 'doc.md');
  await page.getByRole('button', { name: 'Clear finished' }).click();
  await waitForRows(page, (k) => k.includes('doc.md'), 'with doc.md');
  await select(page, ['doc.md']);
  await page.click('#action-details');
  await page.waitForFunction(() => document.querySelectorAll('#versions .version').length === 2);
  const times = await page.locator('#versions .version-time').allTextContents();
  assert(times.every((t) => /\d{1,2}:\d{2}:\d{2}/.test(t)), `times to the second: ${times}`);
  await screenshot(page, 'drive-browse-desktop-versions');
  const older = page.locator('#versions .version').nth(1);
  await older.getByRole('button', { name: 'Preview' }).click();
  await page.locator('dialog[open] #preview .preview-markdown h2', { hasText: 'first version' }).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('dialog[open]').last().getByRole('button', { name: 'Download' }).click()]);
  assert(readFileSync(await download.path(), 'utf8') === '# first version', 'the preview downloads the earlier version');
  await older.getByRole('button', { name: 'Download' }).click();
  while (await openDialog(page).count()) await page.keyboard.press('Escape');
  await clearSelection(page);
  await page.locator('#breadcrumbs a', { hasText: 'Buckets' }).click();
  await page.locator(`tr[data-bucket="${bucket}"] td.versioning[data-state=on]`).waitFor();
  await page.locator(`tr[data-bucket="${searchBucket}"] td.versioning[data-state=off]`).waitFor();
  assert((await page.locator(`tr[data-bucket="${bucket}"] td.versioning`).textContent()) === 'On', 'the bucket reads On');
  await toastGone();
  await screenshot(page, 'drive-browse-desktop-buckets');
});

await steps.run('the action bar stays in view while a long folder scrolls', async () => {
  await page.evaluate((b) => { location.hash = `#/${b}/logs/`; }, searchBucket);
  await page.waitForFunction(() => Number(document.querySelector('.file-list').getAttribute('aria-rowcount')) > 1000); // a long folder
  await page.locator('.rows .row').nth(2).locator('input[type=checkbox]').check();
  await page.mouse.wheel(0, 6000);
  await page.waitForFunction(() => window.scrollY > 3000);
  const bar = await page.locator('#action-bar').boundingBox();
  assert(bar.y >= 55 && bar.y <= 64, `the bar sticks under the top bar (y=${bar.y})`);
  assert(await page.locator('#action-download').isVisible() && !(await page.locator('#action-download').isDisabled()), 'its actions are at hand');
  await screenshot(page, 'drive-browse-desktop-sticky-bar');
  await clearSelection(page);
});

await steps.run('phone: the breadcrumbs fold the middle into “…”, every button shows its label, no sideways scrolling', async () => {
  await page.setViewportSize(PHONE);
  await go('archive/2024/');
  await waitForRows(page, (k) => k.includes('archive/2024/todo-done.txt'), 'archive/2024/');
  const visible = await page.locator('#breadcrumbs li').evaluateAll((lis) => lis.filter((li) => li.offsetParent !== null).map((li) => li.textContent));
  assert(JSON.stringify(visible) === JSON.stringify(['Buckets', '…', 'archive', '2024']), `visible crumbs ${visible}`);
  const current = await page.locator('#breadcrumbs a[aria-current=page]').evaluate((a) => a.scrollWidth <= a.clientWidth);
  assert(current, 'the current folder is not cut');
  await select(page, ['archive/2024/todo-done.txt']);
  await screenshot(page, 'drive-browse-phone-folder');
  const buttons = page.locator('.toolbar .button, .selection-bar .button, #signout');
  assert(await buttons.count() >= 13, 'the folder actions, the selection actions and Sign out are all shown');
  const unlabelled = await buttons.evaluateAll((buttons) => buttons
    .filter((b) => { const l = b.querySelector('.label'); const r = l && l.getBoundingClientRect(); return b.offsetParent === null || !l || r.width < 8 || r.height < 6 || !l.textContent.trim(); })
    .map((b) => b.id));
  assert(unlabelled.length === 0, `buttons without a visible label: ${unlabelled}`);
  const menus = await page.locator('.row-menu').evaluateAll((bs) => bs.filter((b) => !b.getAttribute('aria-label')).length);
  assert(menus === 0, 'every ⋯ button has a name');
  await page.click('#breadcrumbs .crumb-ellipsis button');
  const all = await page.locator('#breadcrumbs li').evaluateAll((lis) => lis.filter((li) => li.offsetParent !== null).map((li) => li.textContent));
  assert(all.includes(bucket), `“…” unfolds the path: ${all}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert(overflow <= 0, `no sideways scrolling (${overflow}px)`);
  await clearSelection(page);
});

await steps.run('phone: the grid, and an upload panel that leaves the list readable above it', async () => {
  await go('photos/');
  await page.click('#view-toggle');
  await row(page, 'photos/a-sunrise.png').locator('img.thumb').waitFor();
  await screenshot(page, 'drive-browse-phone-grid');
  await page.click('#view-toggle');
  await dropFiles(page, [{ name: 'e-upload.txt', type: 'text/plain', text: 'from a phone' }, { name: 'f-upload.txt', type: 'text/plain', text: 'again' },
    { name: 'g-upload.txt', type: 'text/plain', text: 'and again' }]);
  await waitUploaded(page, 'photos/g-upload.txt');
  await waitForRows(page, (k) => k.includes('photos/g-upload.txt'), 'with the uploads');
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForTimeout(200);
  const panel = await page.locator('#uploads').boundingBox();
  const last = await page.locator('.rows .row').last().boundingBox();
  assert(last.y + last.height <= panel.y, `the last row (bottom ${last.y + last.height}) shows above the panel (top ${panel.y})`);
  assert(panel.height <= 844 * 0.45, `the panel takes under half the screen (${panel.height}px)`);
  await screenshot(page, 'drive-browse-phone-uploads');
  await page.setViewportSize(DESKTOP);
});

await close();
process.exit(steps.summary());
