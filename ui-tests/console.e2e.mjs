// The drive's admin console end to end, in headless Chromium, at desktop and phone size:
//   node console.e2e.mjs <driveUrl> <s3Endpoint> <rootKey> <rootSecret> <dataBucket> <settingsBucket> <lockBucket> <targetArn>
// The root reads the storage overview, makes a user with a policy and a key (the secret shown
// once), and that user signs in in a second browser and sees what it may — and the console's
// AccessDenied for what it may not; managed policies and accounts (a new account's root meets the
// empty bucket list); every bucket setting through its form, Versioning in S3's three states
// (ConsoleUiIT checks each with the AWS SDK afterwards); a share link signed by the dedicated key works without credentials until "Revoke all" makes it fail with 403. Prints
// "overview - …", "settings - …" lines for ConsoleUiIT, and saves docs/screenshots/console-*.png.
import { assert, DESKTOP, failureShot, PHONE, Steps } from './lib/harness.mjs';
import { openDialog, pressDialogButton, row, select } from './lib/drive-page.mjs';
import { answer, browsers, fetchPlain, newManagedPolicy, newUser, shot, signedIn as signInAt, text, toConsole, waitText } from './lib/console-page.mjs';

const [driveUrl, endpoint, rootKey, rootSecret, dataBucket, settingsBucket, lockBucket, targetArn] = process.argv.slice(2);
if (!targetArn) {
  console.error('usage: node console.e2e.mjs <driveUrl> <s3Endpoint> <rootKey> <rootSecret> <dataBucket> <settingsBucket> <lockBucket> <targetArn>');
  process.exit(2);
}
const steps = new Steps();
const pool = browsers(driveUrl);
const open = (viewport) => pool.open(viewport);
const signedIn = (p, key, secret) => signInAt(p, driveUrl, key, secret);
let page;

async function noSideways(p, where) {
  const width = await p.evaluate(() => document.documentElement.scrollWidth);
  assert(width <= PHONE.width, `${where}: the page is ${width}px wide at a ${PHONE.width}px phone`);
}

steps.onFailure = async (name) => {
  if (page) await failureShot(page, name).catch(() => {});
  console.log('failed at ' + (page ? page.url() : '?'));
};

async function overview(p, name) {
  await toConsole(p, 'overview');
  await p.click('#overview-recount');
  await p.locator('#overview-recount:not([disabled])').waitFor();
  const figures = {
    objects: (await text(p, '#stat-objects .stat-value')).trim(),
    versions: (await text(p, '#stat-versions .stat-value')).trim(),
    uploads: (await text(p, '#stat-uploads .stat-value')).trim(),
    total: (await text(p, '#stat-total .stat-detail')).trim(),
    uploadBytes: (await text(p, '#stat-uploads .stat-detail')).trim(),
  };
  console.log(`overview - ${name}: objects=${figures.objects} versions=${figures.versions} uploads=${figures.uploads} total=${figures.total} uploadBytes=${figures.uploadBytes}`);
  const counted = await text(p, '#overview-counted'); // ConsoleUiIT starts the server with stats-interval=1h
  assert(/^These figures are the server’s count of everything stored, made at .+\. It counts again by itself every hour, or now with “Recount now”\.$/.test(counted)
    && !counted.includes('coffer.'), 'the overview says in words what its figures are and how often they are counted: ' + counted);
  for (const kind of ['gc', 'scrub', 'lifecycle']) assert(await p.locator(`#jobs-table tr[data-job="${kind}"]`).count() === 1, `job ${kind} listed`);
  await p.locator('#cluster-single').waitFor();
}

// ---------------------------------------------------------------- desktop, as the root
page = await open(DESKTOP);
let alice = null;

await steps.run('desktop: the root opens the console from the drive and reads the storage overview', async () => {
  await signedIn(page, rootKey, rootSecret);
  await overview(page, 'desktop');
  await shot(page, 'console-overview');
});

await steps.run('desktop: create a user, give it a policy (a JSON error and the server\'s refusal shown first), create its key: the secret is shown once', async () => {
  await newUser(page, 'alice');
  await page.click('#add-inline-policy');
  await page.fill('#policy-name', 'read-data');
  await page.fill('#policy-document', '{"Version": "2012-10-17", "Statement": [');
  await waitText(page, '#policy-document-check', 'Not valid JSON');
  await page.fill('#policy-document', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'photos/*' }] }));
  await pressDialogButton(page, 'Save policy');
  await waitText(page, '#policy-server-error', 'MalformedPolicyDocument');
  console.log('policy refusal - ' + (await text(page, '#policy-server-error')));
  await page.selectOption('#policy-document-example', { label: 'Read and write one bucket (and see it in the bucket list)' });
  const example = await page.inputValue('#policy-document');
  assert(example.includes('arn:aws:s3:::my-bucket/*'), 'the AWS example fills the editor');
  await page.fill('#policy-document', JSON.stringify({ Version: '2012-10-17', Statement: [
    { Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' },
    { Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws:s3:::${dataBucket}` },
    { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${dataBucket}/*` }] }, null, 2));
  await shot(page, 'console-policy-editor');
  await pressDialogButton(page, 'Save policy');
  await openDialog(page).waitFor({ state: 'detached' });
  await page.locator('#inline-policies li[data-policy="read-data"]').waitFor();
  await page.click('#create-key');
  await page.locator('#new-secret').waitFor();
  alice = { key: await page.inputValue('#new-access-key'), secret: await page.inputValue('#new-secret') };
  assert(alice.key.startsWith('AKIA') && alice.secret.length >= 40, 'a key pair is shown: ' + alice.key);
  await shot(page, 'console-new-key');
  await pressDialogButton(page, 'I have kept the secret');
  await page.locator(`#keys-list li[data-key-id="${alice.key}"]`).waitFor();
  const html = await page.content();
  assert(!html.includes(alice.secret), 'once closed, the secret is nowhere on the page');
  await shot(page, 'console-user');
  console.log('user key - ' + alice.key);
});

await steps.run('desktop: signed in as the new user in a second browser, it sees what its policy allows and the console shows the server\'s AccessDenied', async () => {
  const other = await open(DESKTOP);
  await signedIn(other, alice.key, alice.secret);
  await other.locator(`tr[data-bucket="${dataBucket}"]`).waitFor();
  await other.click(`tr[data-bucket="${dataBucket}"] a`);
  await row(other, 'report.txt').waitFor();
  await toConsole(other, 'users');
  await waitText(other, '.console-refusal', 'AccessDenied');
  const said = await text(other, '.console-refusal');
  assert(said.includes('iam:ListUsers'), 'the refusal names the action: ' + said);
  await shot(other, 'console-denied');
  await toConsole(other, 'overview');
  await waitText(other, '.console-refusal', 'AccessDenied');
  await toConsole(other, 'buckets');
  await other.click(`#settings-buckets li[data-bucket="${dataBucket}"] a`);
  await waitText(other, '#cfg-versioning .console-refusal', 'AccessDenied');
  // Its share falls back to its own key, and says so.
  await other.goto(driveUrl + '#/' + dataBucket + '/');
  await select(other, ['report.txt']);
  await other.click('#action-share');
  await other.click('#share-create');
  await other.waitForFunction(() => document.querySelector('#share-link').value.startsWith('http'));
  await waitText(other, '#share-signed-by', 'Signed with your own key');
  const link = await other.inputValue('#share-link');
  assert(link.includes(alice.key), 'signed by its own key');
  const got = await fetchPlain(link);
  assert(got.status === 200 && got.body === 'y'.repeat(200), 'its link works: ' + got.status);
  await other.keyboard.press('Escape');
  // Deactivated by the root, its key is refused at the next request.
  await page.click(`#keys-list li[data-key-id="${alice.key}"] button:has-text("Deactivate")`);
  await page.locator(`#keys-list li[data-key-id="${alice.key}"] .badge.off`).waitFor();
  await other.reload();
  await other.locator('#signin-form').waitFor();
  console.log('deactivated - ' + (await text(other, '#signin-message')));
});

await steps.run('desktop: delete the key, the policy and the user', async () => {
  await page.click(`#keys-list li[data-key-id="${alice.key}"] button:has-text("Delete")`);
  await pressDialogButton(page, 'Delete key');
  await page.locator('#keys-list li.muted').waitFor();
  await page.click('#inline-policies li[data-policy="read-data"] button:has-text("Remove")');
  await page.locator('#inline-policies li.muted').waitFor();
  await page.click('#delete-user');
  await answer(page, 'alice');
  await page.locator('#users-table, #no-users').first().waitFor();
  assert(await page.locator('#users-table tr[data-user="alice"]').count() === 0, 'alice is gone');
});

await steps.run('desktop: a managed policy from an AWS example; an account made and deleted by the root', async () => {
  await newManagedPolicy(page, 'deny-deletes', 'Deny deleting objects in one bucket');
  await shot(page, 'console-policies');
  await toConsole(page, 'accounts');
  await page.click('#new-account');
  await answer(page, 'team-a');
  await page.locator('#new-secret').waitFor();
  const teamA = { key: await page.inputValue('#new-access-key'), secret: await page.inputValue('#new-secret') };
  await pressDialogButton(page, 'I have kept the secret');
  await page.locator('#accounts-table tr[data-account="team-a"]').waitFor();
  await shot(page, 'console-accounts');
  const newcomer = await open(DESKTOP); // the new account's root has no bucket yet
  await signedIn(newcomer, teamA.key, teamA.secret);
  await newcomer.locator('#buckets-empty').waitFor();
  const said = (await text(newcomer, '#buckets-empty')).replace(/\s+/g, ' ');
  assert(said.startsWith('No buckets yet') && await newcomer.locator('.bucket-table').isHidden(), 'an empty state, no table head over nothing: ' + said);
  await newcomer.click('#first-bucket');
  await openDialog(newcomer).locator('input.input').waitFor();
  await page.click('#accounts-table tr[data-account="team-a"] button');
  await answer(page, 'team-a');
  await page.locator('#accounts-table').waitFor();
  await page.waitForFunction(() => !document.querySelector('#accounts-table tr[data-account="team-a"]'));
});

async function save(p, id, expected = 'Saved.') {
  await p.click(`#cfg-${id}-save`);
  await waitText(p, `#cfg-${id}-status`, expected);
}

await steps.run('desktop: every bucket setting through its form, S3\'s refusals shown beside the form', async () => {
  await toConsole(page, 'buckets');
  await page.click(`#settings-buckets li[data-bucket="${settingsBucket}"] a`);
  await page.locator('#cfg-notifications-save').waitFor();
  const versioning = async () => [(await text(page, '#versioning-now')).trim(), (await text(page, '#cfg-versioning-save')).trim()];
  let [now, offered] = await versioning();
  assert(now.startsWith('Now: Off (never enabled)') && offered === 'Enable versioning', `a never-versioned bucket reads Off and offers Enable: ${now} / ${offered}`);
  await save(page, 'versioning');
  [now, offered] = await versioning();
  assert(now.startsWith('Now: Enabled') && offered === 'Suspend versioning', `once enabled it offers Suspend: ${now} / ${offered}`);

  await page.click('#lifecycle-rules-add');
  const rule = page.locator('#lifecycle-rules .row-card').last();
  await rule.locator('[data-field=id]').fill('expire-logs');
  await rule.locator('[data-field=prefix]').fill('logs/');
  await rule.locator('[data-field=expireDays]').fill('0');
  await page.click('#cfg-lifecycle-save');
  await page.locator('#cfg-lifecycle-status.error').waitFor();
  console.log('lifecycle refusal - ' + (await text(page, '#cfg-lifecycle-status')));
  await rule.locator('[data-field=expireDays]').fill('30');
  await rule.locator('[data-field=noncurrentDays]').fill('7');
  await rule.locator('[data-field=abortDays]').fill('2');
  await save(page, 'lifecycle');

  await page.click('#cors-rules-add');
  const cors = page.locator('#cors-rules .row-card').last();
  await cors.locator('[data-field=origins]').fill('https://app.example.com');
  await cors.locator('[data-field=methods] input[value=PUT]').check();
  await cors.locator('[data-field=headers]').fill('*');
  await cors.locator('[data-field=expose]').fill('ETag');
  await cors.locator('[data-field=maxAge]').fill('3000');
  await save(page, 'cors');

  await page.selectOption('#bucket-policy-example', { label: 'Public read of one folder' });
  await save(page, 'policy');

  for (const flag of ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets']) await page.check('#bpa-' + flag);
  await save(page, 'public-access');
  await page.click('#cfg-policy-save'); // the same public policy, now that BlockPublicPolicy is on
  await page.locator('#cfg-policy-status.error').filter({ hasText: 'AccessDenied' }).waitFor();
  console.log('policy refusal - ' + (await text(page, '#cfg-policy-status')));

  for (const [k, v] of [['team', 'web'], ['env', 'prod']]) {
    await page.click('#bucket-tags-add');
    const tag = page.locator('#bucket-tags .row-card').last();
    await tag.locator('[data-field=key]').fill(k);
    await tag.locator('[data-field=value]').fill(v);
  }
  await save(page, 'tags');

  await page.selectOption('#sse-algorithm', 'AES256');
  await save(page, 'encryption');

  await page.click('#notify-rules-add');
  const target = page.locator('#notify-rules .row-card').last();
  await target.locator('[data-field=id]').fill('new-objects');
  await target.locator('[data-field=target]').fill('arn:coffer:sqs::nobody:webhook');
  await page.click('#cfg-notifications-save');
  await page.locator('#cfg-notifications-status.error').waitFor();
  console.log('notification refusal - ' + (await text(page, '#cfg-notifications-status')));
  await target.locator('[data-field=target]').fill(targetArn);
  await target.locator('[data-field=prefix]').fill('uploads/');
  await save(page, 'notifications');
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'console-bucket-settings');
  await page.locator('#cfg-policy').evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await shot(page, 'console-bucket-policy');

  await page.goto(driveUrl + '#/_console/buckets/' + lockBucket);
  await page.locator('#lock-mode').waitFor();
  await page.selectOption('#lock-mode', 'GOVERNANCE');
  await page.fill('#lock-amount', '1');
  await save(page, 'object-lock');
  // A bucket made without Object Lock says so instead of a form.
  await page.goto(driveUrl + '#/_console/buckets/' + settingsBucket);
  await page.locator('#cfg-object-lock-missing').waitFor();
  console.log(`settings - ${settingsBucket} and ${lockBucket} saved`);
});

let firstLink = null;
await steps.run('desktop: a share link is signed by the dedicated read-only key, works without credentials, and "Revoke all" makes it fail with 403', async () => {
  await page.goto(driveUrl + '#/' + dataBucket + '/notes/');
  await select(page, ['notes/todo.md']);
  await page.click('#action-share');
  await page.click('#share-create');
  await page.waitForFunction(() => document.querySelector('#share-link').value.startsWith('http'));
  await waitText(page, '#share-signed-by', 'coffer-share-links');
  firstLink = await page.inputValue('#share-link');
  assert(!firstLink.includes(rootKey), 'the root key signs no link');
  const got = await fetchPlain(firstLink);
  assert(got.status === 200 && got.body.startsWith('# todo'), 'the link works without credentials: ' + got.status);
  await shot(page, 'console-share-dialog');
  await page.keyboard.press('Escape');
  await toConsole(page, 'shares');
  await page.locator('#share-links-table tr[data-link="' + dataBucket + '/notes/todo.md"]').waitFor();
  await shot(page, 'console-share-links');
  await page.click('#revoke-all');
  await pressDialogButton(page, 'Revoke all links');
  await page.locator('#no-share-links').waitFor();
  const after = await fetchPlain(firstLink);
  assert(after.status === 403, 'after revocation the link answers ' + after.status);
  console.log('revoked - the link answers ' + after.status + ' ' + (after.body.match(/<Code>(\w+)<\/Code>/) || [])[1]);
});

await pool.closeAll();

// ---------------------------------------------------------------- phone
await steps.run('phone: overview, a user with a key shown once (deactivated, activated) and a managed policy attached, a bucket setting, a share link and its revocation, nothing wider than the screen', async () => {
  page = await open(PHONE);
  await signedIn(page, rootKey, rootSecret);
  await overview(page, 'phone');
  await noSideways(page, 'overview');
  await shot(page, 'console-phone-overview');

  await newUser(page, 'phone-user');
  await page.click('#create-key');
  await page.locator('#new-secret').waitFor();
  await shot(page, 'console-phone-new-key');
  await pressDialogButton(page, 'I have kept the secret');
  const key = page.locator('#keys-list li[data-key-id]');
  await key.waitFor();
  await key.locator('button:has-text("Deactivate")').click();
  await key.locator('.badge.off').waitFor();
  await key.locator('button:has-text("Activate")').click();
  await key.locator('button:has-text("Deactivate")').waitFor();
  await page.click('#attach-policy');
  await page.selectOption('#attach-choice', { label: 'deny-deletes' });
  await pressDialogButton(page, 'Attach');
  await page.locator('#attached-policies li[data-policy="deny-deletes"]').waitFor();
  await noSideways(page, 'user');

  await page.goto(driveUrl + '#/_console/buckets/' + settingsBucket);
  await page.locator('#bucket-tags .row-card').nth(1).waitFor();
  await page.click('#bucket-tags-add');
  const tag = page.locator('#bucket-tags .row-card').last();
  await tag.locator('[data-field=key]').fill('device');
  await tag.locator('[data-field=value]').fill('phone');
  await save(page, 'tags');
  await noSideways(page, 'bucket settings');
  await page.locator('#cfg-lifecycle').evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await shot(page, 'console-phone-settings');

  await page.goto(driveUrl + '#/' + dataBucket + '/');
  await select(page, ['report.txt']);
  await page.click('#action-share');
  await page.click('#share-create');
  await page.waitForFunction(() => document.querySelector('#share-link').value.startsWith('http'));
  await waitText(page, '#share-signed-by', 'coffer-share-links');
  const link = await page.inputValue('#share-link');
  assert((await fetchPlain(link)).status === 200, 'a new share key signs again after the revocation');
  assert((await fetchPlain(firstLink)).status === 403, 'the revoked link stays revoked');
  await page.keyboard.press('Escape');
  await toConsole(page, 'shares');
  await page.locator('#share-links-table tbody tr').first().waitFor();
  await noSideways(page, 'share links');
  await shot(page, 'console-phone-share-links');
  await page.click('#revoke-all');
  await pressDialogButton(page, 'Revoke all links');
  await page.locator('#no-share-links').waitFor();
  assert((await fetchPlain(link)).status === 403, 'revoked on the phone too');
});

await pool.closeAll();
process.exit(steps.summary());
