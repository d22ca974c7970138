// Sign-in on a server configured for another region than us-east-1, in headless Chromium:
//   node drive-region.e2e.mjs <driveUrl> <accessKey> <secretKey> <region> <bucket>
// The form's region comes from the server (config.json), so a person who only pastes the printed
// key pair signs in and sees the buckets; before, the form said us-east-1 and S3 refused the
// signature (AuthorizationHeaderMalformed). DriveRegionUiIT starts that server.
import { assert, DESKTOP, failureShot, launch, Steps } from './lib/harness.mjs';
import { signIn } from './lib/drive-page.mjs';

const [driveUrl, accessKey, secretKey, region, bucket] = process.argv.slice(2);
if (!bucket) {
  console.error('usage: node drive-region.e2e.mjs <driveUrl> <accessKey> <secretKey> <region> <bucket>');
  process.exit(2);
}
const steps = new Steps();
const browser = await launch(DESKTOP);
const page = await browser.context.newPage();
steps.onFailure = (name) => failureShot(page, name);
page.on('pageerror', (e) => console.log(`page error - ${e.message}`));

await steps.run('the sign-in form takes the server\'s region, and the key pair alone signs in', async () => {
  await page.goto(driveUrl);
  await page.waitForFunction((r) => document.querySelector('#region').value === r, region, { timeout: 10000 });
  await signIn(page, accessKey, secretKey);
  await page.locator(`tr[data-bucket="${bucket}"]`).waitFor({ timeout: 15000 });
  assert(await page.locator('#signin-message:not([hidden])').count() === 0, 'no sign-in refusal shown');
});

await browser.close();
process.exit(steps.summary());
