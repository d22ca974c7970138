// What a person trying the drive for the first time meets, in headless Chromium at desktop size:
//   node drive-first-use.e2e.mjs <driveUrl> <rootKey> <rootSecret> <userKey> <userSecret> <bucket> <versionedBucket>
// The user's key is the README's "user with a key for one bucket": its policy allows s3:* on
// <bucket> only, so ListBuckets answers AccessDenied; it signs in all the same, opens <bucket> by
// name, and finds it as a link when back on Buckets; an upload into read-only/, which its policy
// denies, fails with S3's AccessDenied and no percentage, and offers no Retry (a SlowDown does,
// and the retry passes). A folder whose listing failed (network gone,
// server away) offers "Try again" and lists by itself when the browser is online again. A
// delete in a versioned bucket says the file can be restored (in an unversioned one, that it is
// for good), and a versioned bucket whose files were all deleted (versions and delete markers are
// left) is deleted from the bucket list, its versions first. DriveFirstUseUiIT makes the user and the
// buckets (<bucket> holds docs/readme.txt).
import { assert, DESKTOP, failureShot, launch, screenshot, Steps } from './lib/harness.mjs';
import { dropFiles, openDialog, pressDialogButton, row, select, signIn, waitForRows, waitUploaded } from './lib/drive-page.mjs';
import { uploadsKit } from './lib/uploads-kit.mjs';

const [driveUrl, rootKey, rootSecret, userKey, userSecret, bucket, versionedBucket] = process.argv.slice(2);
if (!versionedBucket) {
  console.error('usage: node drive-first-use.e2e.mjs <driveUrl> <rootKey> <rootSecret> <userKey> <userSecret> <bucket> <versionedBucket>');
  process.exit(2);
}
const steps = new Steps();
let page;
steps.onFailure = (name) => failureShot(page, name);
const browsers = [];
async function fresh() {
  const browser = await launch(DESKTOP);
  browsers.push(browser);
  page = await browser.context.newPage();
  page.on('pageerror', (e) => console.log(`page error - ${e.message}`));
  await page.goto(driveUrl);
  return browser.context;
}
const listStatus = () => page.locator('.list-status').textContent();

await steps.run('a key allowed one bucket but not ListBuckets signs in and opens that bucket by its name', async () => {
  await fresh();
  await signIn(page, userKey, userSecret);
  await page.locator('#open-bucket-name').waitFor({ timeout: 10000 });
  const said = await page.locator('.buckets-view [role=status]').textContent();
  assert(said.includes('may not list the buckets'), 'the bucket list says why it is not shown: ' + said);
  await screenshot(page, 'drive-open-bucket-by-name');
  await page.fill('#open-bucket-name', bucket);
  await page.press('#open-bucket-name', 'Enter');
  await waitForRows(page, (keys) => keys.join() === 'docs/', 'the bucket\'s folder');
  await row(page, 'docs/').dblclick();
  await waitForRows(page, (keys) => keys.join() === 'docs/readme.txt', 'the file in the folder');
});

await steps.run('back on Buckets, that key finds the bucket it opened as a link', async () => {
  await page.click('#breadcrumbs a[href="#/"]');
  await page.locator('#open-bucket-name').waitFor();
  await page.click(`.opened-buckets a[href="#/${bucket}/"]`);
  await waitForRows(page, (keys) => keys.join() === 'docs/', 'the bucket, opened again');
});

await steps.run('an upload the server refuses says S3\'s code and message, and no percentage', async () => {
  await page.goto(`${driveUrl}#/${bucket}/read-only/`); // the key's policy denies s3:PutObject here
  await page.locator('.browser-view').waitFor();
  await dropFiles(page, [{ name: 'refused.txt', type: 'text/plain', text: 'not allowed here' }]);
  const item = page.locator('.upload[data-key="read-only/refused.txt"][data-state=failed]');
  await item.waitFor({ timeout: 10000 });
  const detail = await item.locator('.upload-detail').textContent();
  assert(detail.startsWith('AccessDenied: Access Denied. You do not have permission'), 'the refusal as S3 said it: ' + detail);
  const percent = await item.locator('.upload-percent').textContent();
  assert(percent === 'Failed' && await item.locator('[role=progressbar]').isHidden(), `no percentage pretending success: "${percent}"`);
});

await steps.run('a refusal a retry cannot change offers no Retry, only removal; SlowDown offers Retry, which passes', async () => {
  const refused = page.locator('.upload[data-key="read-only/refused.txt"]');
  assert(await refused.getByRole('button', { name: /Retry/ }).count() === 0, 'no Retry beside AccessDenied');
  await page.getByRole('button', { name: 'Remove refused.txt from the list' }).click();
  await refused.waitFor({ state: 'detached' });
  await page.goto(`${driveUrl}#/${bucket}/inbox/`);
  await page.locator('.browser-view').waitFor();
  const busy = /\/inbox\/busy\.txt/;
  await page.route(busy, (route) => (route.request().method() === 'PUT'
    ? route.fulfill({ status: 503, contentType: 'application/xml', body: '<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>' })
    : route.continue()));
  await dropFiles(page, [{ name: 'busy.txt', type: 'text/plain', text: 'busy' }]);
  const item = page.locator('.upload[data-key="inbox/busy.txt"][data-state=failed]');
  await item.waitFor({ timeout: 10000 });
  assert((await item.locator('.upload-detail').textContent()).startsWith('SlowDown:'), 'the refusal is S3\'s SlowDown');
  await page.unroute(busy);
  await page.getByRole('button', { name: 'Retry upload of busy.txt' }).click();
  await waitUploaded(page, 'inbox/busy.txt');
  await uploadsKit(() => page, driveUrl).s3({ method: 'DELETE', bucket, key: 'inbox/busy.txt' }); // the bucket as the next steps expect it
});

await steps.run('a wrong secret for that key is still refused at sign-in', async () => {
  await fresh();
  await signIn(page, userKey, userSecret.slice(1) + 'x');
  await page.locator('#signin-message:not([hidden])').waitFor();
  const said = await page.locator('#signin-message').textContent();
  assert(said === 'The secret key does not match this access key.', 'the refusal is in words: ' + said);
  assert(await page.locator('#shell').isHidden(), 'the drive stays closed');
});

await steps.run('a folder that could not be listed offers Try again, which lists it', async () => {
  await fresh();
  await signIn(page, rootKey, rootSecret);
  await page.locator('#shell').waitFor();
  let refused = 0;
  await page.route((url) => url.searchParams.get('prefix') === 'docs/', (route) => (refused++ ? route.continue() : route.abort('connectionrefused')));
  await page.goto(`${driveUrl}#/${bucket}/docs/`);
  await page.locator('#list-retry:visible').waitFor();
  assert(await listStatus() === 'This folder could not be listed.', 'the failure is said: ' + await listStatus());
  await page.click('#list-retry');
  await waitForRows(page, (keys) => keys.join() === 'docs/readme.txt', 'the folder after Try again');
  assert(await page.locator('#list-retry').isHidden(), 'Try again goes once the folder is listed');
});

await steps.run('a folder opened while the network is gone lists by itself when it is back', async () => {
  const context = await fresh();
  await signIn(page, rootKey, rootSecret);
  await page.locator('#shell').waitFor();
  await page.click(`a.bucket-link[href="#/${bucket}/"]`);
  await waitForRows(page, (keys) => keys.join() === 'docs/', 'the bucket');
  await context.setOffline(true);
  await row(page, 'docs/').dblclick();
  await page.locator('#list-retry:visible').waitFor();
  await context.setOffline(false);
  await waitForRows(page, (keys) => keys.join() === 'docs/readme.txt', 'the folder, back online');
});

await steps.run('deleting in a versioned bucket says the file can be restored, not that it cannot be undone', async () => {
  await page.goto(`${driveUrl}#/${versionedBucket}/`); // still the root, online again
  await page.locator('.browser-view').waitFor();
  await dropFiles(page, [{ name: 'kept.txt', type: 'text/plain', text: 'kept as a version' }]);
  await waitUploaded(page, 'kept.txt');
  await waitForRows(page, (keys) => keys.join() === 'kept.txt', 'the upload');
  await select(page, ['kept.txt']);
  await page.click('#action-delete');
  const said = await openDialog(page).locator('.dialog-body').textContent();
  assert(said.includes('stays under Deleted, where you can restore it') && !said.includes('cannot be undone'), 'the question says what is kept: ' + said);
  await pressDialogButton(page, 'Delete');
  await page.locator('.file-list.empty').waitFor();
});

await steps.run('a versioned bucket with no current files is deleted, its old versions and delete markers first', async () => {
  await fresh();
  await signIn(page, rootKey, rootSecret);
  const bucketRow = page.locator(`tr[data-bucket="${versionedBucket}"]`);
  await bucketRow.waitFor();
  await page.click(`button[aria-label="Delete bucket ${versionedBucket}"]`);
  const said = await openDialog(page).textContent();
  assert(said.includes('keeps old versions or delete markers'), 'the dialog says what else goes: ' + said);
  await openDialog(page).locator('input').fill(versionedBucket);
  await pressDialogButton(page, 'Delete bucket');
  await bucketRow.waitFor({ state: 'detached' });
  console.log('bucket deleted - ' + versionedBucket);
});

await steps.run('a new bucket with the name of one already owned is refused in the dialog, not reported created', async () => {
  await page.locator(`tr[data-bucket="${bucket}"]`).waitFor(); // the bucket list, after the deletion
  await page.click('#new-bucket');
  const input = openDialog(page).locator('input.input');
  await input.fill(bucket);
  await input.press('Enter');
  const problem = await input.evaluate((el) => el.validationMessage);
  assert(problem === 'You already have a bucket with that name.', 'the dialog says the name is taken by you: ' + problem);
  await page.keyboard.press('Escape');
  await openDialog(page).waitFor({ state: 'detached' });
});

await steps.run('Details pressed while the folder lists again after an upload opens the selected file', async () => {
  await fresh();
  await signIn(page, rootKey, rootSecret);
  await page.locator('#shell').waitFor();
  await page.goto(`${driveUrl}#/${bucket}/docs/`);
  await waitForRows(page, (keys) => keys.includes('docs/readme.txt'), 'the folder');
  let release;
  const held = new Promise((r) => { release = r; });
  let holding = false;
  const listing = (url) => url.searchParams.get('list-type') === '2' && url.searchParams.get('prefix') === 'docs/';
  await page.route(listing, async (route) => { if (holding) await held; await route.continue(); });
  await row(page, 'docs/readme.txt').locator('input[type=checkbox]').check();
  holding = true;
  await dropFiles(page, [{ name: 'added.txt', type: 'text/plain', text: 'added while readme.txt is selected' }]);
  await waitUploaded(page, 'docs/added.txt');
  await page.waitForFunction(() => !document.querySelector('.rows .row[data-key="docs/readme.txt"]')); // listing again, held
  await page.click('#action-details');
  await openDialog(page).locator('#details dl', { hasText: 'readme.txt' }).waitFor({ timeout: 10000 });
  await page.keyboard.press('Escape');
  holding = false;
  release();
  await waitForRows(page, (keys) => keys.join() === 'docs/added.txt,docs/readme.txt', 'the folder with the upload');
  await page.unroute(listing);
  await select(page, ['docs/added.txt']);
  await page.click('#action-delete'); // an unversioned bucket: a delete is for good, and said so
  const said = await openDialog(page).locator('.dialog-body').textContent();
  assert(said.endsWith('This cannot be undone.'), 'the question says a delete is for good: ' + said);
  await pressDialogButton(page, 'Cancel');
});

await steps.run('Move here, in the folder the files are in, says that nothing was moved', async () => {
  await page.click('#action-move'); // the selection of the step before, in docs/
  await pressDialogButton(page, 'Move here');
  await page.locator('.toast', { hasText: 'already in docs: nothing was moved.' }).waitFor({ timeout: 5000 });
  await waitForRows(page, (keys) => keys.join() === 'docs/added.txt,docs/readme.txt', 'the folder, unchanged');
});

for (const browser of browsers) await browser.close();
process.exit(steps.summary());
