// Helpers shared by the admin console's browser tests (console.e2e.mjs, console-grants.e2e.mjs):
// browsers opened and closed together, signing in, moving between console sections, dialogs.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, SCREENSHOTS } from './harness.mjs';
import { openDialog, pressDialogButton, signIn } from './drive-page.mjs';

/** Browsers for one script: open(viewport) gives a page of a fresh profile; closeAll() ends them all. */
export function browsers(driveUrl) {
  const open = [];
  return {
    async open(viewport) {
      const b = await launch(viewport);
      open.push(b);
      const p = b.context.pages()[0] || (await b.context.newPage());
      p.on('pageerror', (e) => console.log(`page error - ${e.message}`));
      await b.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(driveUrl).origin });
      return p;
    },
    async closeAll() {
      while (open.length) await open.pop().close();
    },
  };
}

export async function shot(p, name, fullPage = false) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await p.evaluate(() => document.querySelectorAll('.toast').forEach((t) => t.remove()));
  await p.waitForTimeout(150);
  await p.screenshot({ path: join(SCREENSHOTS, name + '.png'), fullPage });
  console.log(`screenshot - docs/screenshots/${name}.png`);
}

export async function signedIn(p, driveUrl, key, secret) {
  await p.goto(driveUrl);
  await signIn(p, key, secret);
  await p.locator('#shell').waitFor();
}

export async function toConsole(p, section) {
  // A phone shows the Console button on the bucket list and in the console, not in a folder.
  if (!(await p.locator('#console-link').isVisible())) await p.click('#breadcrumbs a[href="#/"]');
  await p.click('#console-link');
  await p.locator('.console-view').waitFor();
  if (section !== 'overview') await p.click('#console-tab-' + section);
  await p.locator(`#console-tab-${section}[aria-current=page]`).waitFor();
}

export const text = (p, selector) => p.locator(selector).first().textContent();

export async function waitText(p, selector, expected, timeout = 10000) {
  await p.locator(selector).filter({ hasText: expected }).first().waitFor({ timeout });
}

/** Types into the open dialog's text field and presses Enter. */
export async function answer(p, value) {
  const input = openDialog(p).locator('input.input');
  await input.fill(value);
  await input.press('Enter');
}

/** Makes a user from the console's Users section; waits for its page. */
export async function newUser(p, name) {
  await toConsole(p, 'users');
  await p.click('#new-user');
  await answer(p, name);
  await p.locator('#user-title').filter({ hasText: name }).waitFor();
}

/** Makes a managed policy from one of the editor's AWS examples (by its label); waits for its row. */
export async function newManagedPolicy(p, name, example) {
  await toConsole(p, 'policies');
  await p.click('#new-policy');
  await p.fill('#policy-name', name);
  await p.selectOption('#policy-document-example', { label: example });
  await pressDialogButton(p, 'Create policy');
  await p.locator(`#policies-table tr[data-policy="${name}"]`).waitFor();
}

/** Fetches a URL with no credentials (node, not the browser): {status, body}. */
export async function fetchPlain(url) {
  const r = await fetch(url);
  return { status: r.status, body: await r.text() };
}
