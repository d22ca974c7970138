// What a person does on Coffer Drive, as Playwright calls: sign in, drop files, pick rows,
// answer dialogs. Locators use the ids and data attributes the UI keeps for this purpose.
import { assert } from './harness.mjs';

export const row = (page, key) => page.locator(`.rows .row[data-key="${key}"]`);
export const openDialog = (page) => page.locator('dialog[open]');

export async function signIn(page, accessKey, secretKey) {
  await page.fill('#access-key', accessKey);
  await page.fill('#secret-key', secretKey);
  await page.click('#signin-button');
}

/** Fills the open dialog's text input and presses its default button with Enter. */
export async function answerPrompt(page, value) {
  const input = openDialog(page).locator('input.input').first();
  await input.fill(value);
  await input.press('Enter');
  await openDialog(page).waitFor({ state: 'detached' });
}

export async function pressDialogButton(page, name) {
  await openDialog(page).getByRole('button', { name, exact: true }).click();
}

/**
 * Drops files on the folder view the way a browser does: dragenter, dragover and drop events
 * carrying a DataTransfer. Each spec is {name, type, text} or {name, type, randomBytes} or
 * {name, type: 'image/png', png: [w, h]}. Resolves to {name: sha256 hex} of what was dropped.
 */
export async function dropFiles(page, specs) {
  return page.evaluate(async (specs) => {
    const hex = (buf) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
    const dt = new DataTransfer();
    const hashes = {};
    for (const spec of specs) {
      let blob;
      if (spec.text != null) blob = new Blob([spec.text]);
      else if (spec.png) {
        const canvas = document.createElement('canvas');
        [canvas.width, canvas.height] = spec.png;
        const g = canvas.getContext('2d');
        const gradient = g.createLinearGradient(0, 0, canvas.width, canvas.height);
        gradient.addColorStop(0, '#4f46e5');
        gradient.addColorStop(1, '#06b6d4');
        g.fillStyle = gradient;
        g.fillRect(0, 0, canvas.width, canvas.height);
        g.fillStyle = '#ffffff';
        g.font = 'bold 40px sans-serif';
        g.fillText('Coffer', 40, canvas.height / 2);
        blob = await new Promise((r) => canvas.toBlob(r, 'image/png'));
      } else {
        const bytes = new Uint8Array(spec.randomBytes);
        for (let i = 0; i < bytes.length; i += 65536) crypto.getRandomValues(bytes.subarray(i, Math.min(i + 65536, bytes.length)));
        blob = new Blob([bytes]);
      }
      hashes[spec.name] = hex(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
      dt.items.add(new File([blob], spec.name, { type: spec.type || '' }));
    }
    const target = document.querySelector('.browser-view');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    }
    return hashes;
  }, specs);
}

/**
 * Drags files or folders from the disk (`paths`) onto the folder view as the operating system
 * does (DevTools' Input.dispatchDragEvent with the paths): Chromium then gives the drop real
 * entries (a folder's FileSystemDirectoryEntry, a file's FileSystemFileHandle), which a
 * DataTransfer made in the page never has.
 */
export async function dragFromDisk(page, paths) {
  const box = await page.locator('.browser-view').boundingBox();
  const at = { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + Math.min(box.height / 2, 300)) };
  const cdp = await page.context().newCDPSession(page);
  const data = { items: [], files: paths, dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop']) await cdp.send('Input.dispatchDragEvent', { type, ...at, data });
  await cdp.detach();
}

/**
 * Waits until the upload of `key` is done, sampling its progress bar meanwhile; resolves to the
 * distinct percentages seen. Fails when the upload fails.
 */
export async function waitUploaded(page, key, timeoutMs = 120000) {
  const seen = new Set();
  const item = page.locator(`.upload[data-key="${key}"]`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await item.getAttribute('data-state').catch(() => null);
    const value = await item.locator('[role=progressbar]').getAttribute('aria-valuenow').catch(() => null);
    if (value != null) seen.add(Number(value));
    if (state === 'done') break;
    if (state === 'failed') throw new Error(`upload of ${key} failed: ${await item.locator('.upload-detail').textContent()}`);
    assert(Date.now() < deadline, `upload of ${key} finished within ${timeoutMs} ms (state ${state})`);
    await page.waitForTimeout(40);
  }
  const percent = await item.locator('.upload-percent').textContent();
  const now = await item.locator('[role=progressbar]').getAttribute('aria-valuenow');
  assert(percent === '100%' && now === '100', `progress of ${key} reads 100% (saw ${percent}, ${now})`);
  seen.add(100);
  return [...seen].sort((a, b) => a - b);
}

export async function select(page, keys) {
  for (const key of keys) await row(page, key).locator('input[type=checkbox]').check();
}

export async function clearSelection(page) {
  const boxes = page.locator('.rows .row input[type=checkbox]:checked');
  for (let n = await boxes.count(); n > 0; n = await boxes.count()) await boxes.first().uncheck();
}

export async function rowKeys(page) {
  return page.locator('.rows .row').evaluateAll((rows) => rows
    .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index)).map((r) => r.dataset.key));
}

export async function waitForRows(page, predicate, description, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  let keys;
  do {
    keys = await rowKeys(page);
    if (predicate(keys)) return keys;
    await page.waitForTimeout(100);
  } while (Date.now() < deadline);
  throw new Error(`rows never became ${description}: ${JSON.stringify(keys)}`);
}
