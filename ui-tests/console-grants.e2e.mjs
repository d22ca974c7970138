// The admin console's grants and removals end to end, in headless Chromium at desktop size:
//   node console-grants.e2e.mjs <driveUrl> <rootKey> <rootSecret> <dataBucket> <settingsBucket>
// A user without admin:ServerInfo is refused the storage overview in the server's words; the root
// edits that user's inline policy to allow it, and the user's next look shows the figures. A
// managed policy is attached, refused deletion while attached, detached and deleted; two bucket
// settings are removed with their Remove buttons. Three browsers share links: the first two each
// get a key of the share user, the third meets IAM's two-key limit and signs with its own key,
// says so, and its "Revoke all links" ends the other browsers' links. ConsoleGrantsUiIT checks
// the server's state afterwards with the AWS SDK.
import { assert, DESKTOP, failureShot, Steps } from './lib/harness.mjs';
import { pressDialogButton, select } from './lib/drive-page.mjs';
import { browsers, fetchPlain, newManagedPolicy, newUser, shot, signedIn as signInAt, text, toConsole, waitText } from './lib/console-page.mjs';

const [driveUrl, rootKey, rootSecret, dataBucket, settingsBucket] = process.argv.slice(2);
if (!settingsBucket) {
  console.error('usage: node console-grants.e2e.mjs <driveUrl> <rootKey> <rootSecret> <dataBucket> <settingsBucket>');
  process.exit(2);
}
const steps = new Steps();
const pool = browsers(driveUrl);
const signedIn = (p, key, secret) => signInAt(p, driveUrl, key, secret);
let page;
steps.onFailure = async (name) => {
  if (page) await failureShot(page, name).catch(() => {});
  console.log('failed at ' + (page ? page.url() : '?'));
};

const LIST_ONLY = { Version: '2012-10-17', Statement: [{ Sid: 'SeeBuckets', Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }] };

page = await pool.open(DESKTOP);
let ops = null;
let opsPage = null;

await steps.run('a user whose policy does not allow admin:ServerInfo is refused the overview with AccessDenied naming it', async () => {
  await signedIn(page, rootKey, rootSecret);
  await newUser(page, 'ops');
  await page.click('#add-inline-policy');
  await page.fill('#policy-name', 'console');
  await page.fill('#policy-document', JSON.stringify(LIST_ONLY, null, 2));
  await pressDialogButton(page, 'Save policy');
  await page.locator('#inline-policies li[data-policy="console"]').waitFor();
  await page.click('#create-key');
  await page.locator('#new-secret').waitFor();
  ops = { key: await page.inputValue('#new-access-key'), secret: await page.inputValue('#new-secret') };
  await pressDialogButton(page, 'I have kept the secret');
  opsPage = await pool.open(DESKTOP);
  await signedIn(opsPage, ops.key, ops.secret);
  await toConsole(opsPage, 'overview');
  await waitText(opsPage, '.console-refusal', 'AccessDenied');
  const said = await text(opsPage, '.console-refusal .mono');
  assert(said.includes('admin:ServerInfo') && said.includes('user/ops'), 'the refusal names the action and the user: ' + said);
  assert(await opsPage.locator('#stat-objects').count() === 0, 'no figures are shown');
  console.log('overview refused - ' + said.replace(/\s+/g, ' ').trim());
});

await steps.run('the root edits the inline policy (the editor opens with the stored document) to allow admin:ServerInfo; the user then sees the overview', async () => {
  await page.click('#inline-policies li[data-policy="console"] button:has-text("Edit")');
  const stored = JSON.parse(await page.inputValue('#policy-document'));
  assert(stored.Statement[0].Action === 's3:ListAllMyBuckets' && stored.Statement.length === 1, 'the editor shows the stored policy: ' + JSON.stringify(stored));
  assert(await page.locator('#policy-name').getAttribute('readonly') !== null, 'the name of an inline policy being edited is fixed');
  stored.Statement.push({ Sid: 'ReadTheOverview', Effect: 'Allow', Action: 'admin:ServerInfo', Resource: '*' });
  await page.fill('#policy-document', JSON.stringify(stored, null, 2));
  await pressDialogButton(page, 'Save policy');
  await page.locator('dialog[open]').waitFor({ state: 'detached' });
  await opsPage.reload();
  await opsPage.locator('#overview-recount').waitFor();
  await opsPage.click('#overview-recount');
  await opsPage.locator('#overview-recount:not([disabled])').waitFor();
  const objects = (await text(opsPage, '#stat-objects .stat-value')).trim();
  const bytes = (await text(opsPage, '#stat-total .stat-detail')).trim();
  console.log(`overview allowed - objects=${objects} total=${bytes}`);
});

await steps.run('a managed policy attached to the user: deleting it is refused while attached, then it is detached and deleted', async () => {
  await newManagedPolicy(page, 'no-deletes', 'Deny deleting objects in one bucket');
  await toConsole(page, 'users');
  await page.click('#users-table tr[data-user="ops"] a');
  await page.locator('#user-title').filter({ hasText: 'ops' }).waitFor();
  await page.click('#attach-policy');
  await page.selectOption('#attach-choice', { label: 'no-deletes' });
  await pressDialogButton(page, 'Attach');
  await page.locator('#attached-policies li[data-policy="no-deletes"]').waitFor();

  await toConsole(page, 'policies');
  await page.click('#policies-table tr[data-policy="no-deletes"] td.actions button');
  await pressDialogButton(page, 'Delete policy');
  await waitText(page, '.toast.error', 'DeleteConflict');
  console.log('policy delete refused - ' + (await text(page, '.toast.error')));
  assert(await page.locator('#policies-table tr[data-policy="no-deletes"]').count() === 1, 'the attached policy stays listed');

  await toConsole(page, 'users');
  await page.click('#users-table tr[data-user="ops"] a');
  await page.click('#attached-policies li[data-policy="no-deletes"] button:has-text("Detach")');
  await page.locator('#attached-policies li.muted').waitFor();
  assert(await page.locator('#attached-policies li[data-policy]').count() === 0, 'no policy is attached any more');
  await toConsole(page, 'policies');
  await page.click('#policies-table tr[data-policy="no-deletes"] td.actions button');
  await pressDialogButton(page, 'Delete policy');
  await page.locator('#no-policies').waitFor();
  console.log('policy deleted - ' + (await text(page, '#no-policies')));
});

async function removeSetting(id, emptied) {
  await page.click(`#cfg-${id}-delete`);
  await pressDialogButton(page, 'Remove');
  await waitText(page, `#cfg-${id}-status`, 'Removed.');
  await emptied();
}

await steps.run('bucket settings removed with their Remove buttons: the forms show nothing set', async () => {
  await page.goto(driveUrl + '#/_console/buckets/' + settingsBucket);
  await page.locator('#bucket-tags .row-card').nth(1).waitFor();
  await page.locator('#cors-rules .row-card').first().waitFor();
  await removeSetting('tags', () => page.waitForFunction(() => !document.querySelector('#bucket-tags .row-card [data-field=key]')?.value));
  await removeSetting('cors', () => page.waitForFunction(() => !document.querySelector('#cors-rules .row-card [data-field=origins]')?.value));
  await page.reload();
  await page.locator('#cfg-tags-save').waitFor();
  const tags = await page.locator('#bucket-tags [data-field=key]').evaluateAll((inputs) => inputs.map((i) => i.value).filter(Boolean));
  const origins = await page.locator('#cors-rules [data-field=origins]').evaluateAll((inputs) => inputs.map((i) => i.value).filter(Boolean));
  assert(tags.length === 0 && origins.length === 0, `after a reload nothing is set: tags ${tags} origins ${origins}`);
  console.log(`settings removed - ${settingsBucket}: tags and CORS`);
});

async function share(p, key, screenshot = null) {
  await p.goto(driveUrl + '#/' + dataBucket + '/');
  await select(p, [key]);
  await p.click('#action-share');
  await p.click('#share-create');
  await p.waitForFunction(() => document.querySelector('#share-link').value.startsWith('http'));
  const link = await p.inputValue('#share-link');
  const signedBy = (await text(p, '#share-signed-by')).trim();
  if (screenshot) await shot(p, screenshot);
  await p.keyboard.press('Escape');
  return { link, signedBy };
}

await steps.run('three browsers share: two get the share user\'s keys, the third meets IAM\'s two-key limit, makes no link (never one signed by the root) and says why; its "Revoke all" ends every link', async () => {
  const second = await pool.open(DESKTOP);
  const third = await pool.open(DESKTOP);
  await signedIn(second, rootKey, rootSecret);
  await signedIn(third, rootKey, rootSecret);
  const a = await share(page, 'report.txt');
  const b = await share(second, 'report.txt');
  assert(a.signedBy.includes('coffer-share-links') && b.signedBy.includes('coffer-share-links'), 'the first two are signed by the share key');
  const keyOf = (link) => new URL(link).searchParams.get('X-Amz-Credential').split('/')[0];
  assert(keyOf(a.link) !== keyOf(b.link), 'each browser made a key of its own');
  await third.goto(driveUrl + '#/' + dataBucket + '/');
  await select(third, ['report.txt']);
  await third.click('#action-share');
  await third.click('#share-create');
  await waitText(third, '#share-signed-by', 'No link made');
  const refusal = (await text(third, '#share-signed-by')).trim();
  console.log('third browser - ' + refusal);
  assert(refusal.includes('LimitExceeded') && refusal.includes('Revoke all links'), 'the third says why and what frees the keys: ' + refusal);
  assert((await third.inputValue('#share-link')) === '', 'the third made no link, signed by no other key');
  await shot(third, 'console-share-limit');
  await third.keyboard.press('Escape');
  for (const l of [a, b]) assert((await fetchPlain(l.link)).status === 200, 'each link works: ' + l.link);
  await toConsole(third, 'shares');
  await third.click('#revoke-all');
  await pressDialogButton(third, 'Revoke all links');
  await waitText(third, '.toast', 'Revoked: 2 key(s) of coffer-share-links deleted on the server.');
  await waitText(third, '#share-user-state', '0 active key(s)');
  const after = await Promise.all([a, b].map((l) => fetchPlain(l.link)));
  assert(after.every((r) => r.status === 403), 'the other browsers\' links are revoked: ' + after.map((r) => r.status));
  console.log(`revoked by the third browser - ${after.map((r) => r.status).join(' ')}`);
  const again = await share(third, 'report.txt');
  assert(again.signedBy.includes('coffer-share-links'), 'after the revocation the third browser gets a share key: ' + again.signedBy);
  assert((await fetchPlain(again.link)).status === 200, 'its new link works');
});

await pool.closeAll();
process.exit(steps.summary());
