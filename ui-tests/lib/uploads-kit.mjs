// What drive-uploads.e2e.mjs does to the drive page, bound to the page it currently drives (a
// new tab replaces it when the test closes one, hence the getter).
import { assert } from './harness.mjs';
import { dropFiles, openDialog, pressDialogButton, waitUploaded } from './drive-page.mjs';

/** The helpers below, each acting on `currentPage()` of the drive at `driveUrl`. */
export function uploadsKit(currentPage, driveUrl) {
  /** An S3 call signed by the drive's own modules in the page (its session), e.g. to read back what was uploaded. */
  async function s3(request) {
    return currentPage().evaluate(async ({ method = 'GET', bucket, key, query = {}, body = null, digest = false }) => {
      const { restore } = await import(new URL('js/session.js', location.href).href);
      const { S3Client } = await import(new URL('js/s3-client.js', location.href).href);
      const config = await (await fetch('config.json')).json();
      const response = await new S3Client(restore(), config.s3Endpoint).request({ method, bucket, key, query, body });
      if (!digest) return response.text();
      const bytes = await response.arrayBuffer();
      return Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
    }, request);
  }

  const read = (bucket, key, versionId) => s3({ bucket, key, query: versionId ? { versionId } : {} });

  async function versionsOf(bucket, key) {
    const xml = await s3({ bucket, query: { versions: '', prefix: key } });
    return [...xml.matchAll(/<(Version|DeleteMarker)>(.*?)<\/\1>/gs)]
      .map(([, kind, inner]) => ({ kind, key: /<Key>(.*?)<\/Key>/.exec(inner)[1], id: /<VersionId>(.*?)<\/VersionId>/.exec(inner)[1] }))
      .filter((v) => v.key === key);
  }

  /** Opens a folder, listed afresh even when it is the one shown (its current crumb lists it again). */
  async function openFolder(bucket, prefix = '') {
    const page = currentPage();
    await page.goto(`${driveUrl}#/${bucket}/${prefix}`);
    await page.locator('.browser-view').waitFor();
    await page.locator('#breadcrumbs a[aria-current=page]').click();
    await page.locator('.browser-view').waitFor();
  }

  async function clearFinished() {
    const page = currentPage();
    const button = page.getByRole('button', { name: 'Clear finished' });
    if (await button.isVisible()) await button.click();
  }

  /** Drops one text file and waits for its upload (after answering `answer` when the name exists). */
  async function dropText(name, text, answer, uploadedAs = name) {
    const page = currentPage();
    await clearFinished();
    await dropFiles(page, [{ name, type: 'text/plain', text }]);
    if (answer) {
      await openDialog(page).waitFor();
      await pressDialogButton(page, answer);
    }
    await waitUploaded(page, uploadedAs);
  }

  async function pick(button, paths) {
    const page = currentPage();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click(button)]);
    await chooser.setFiles(paths);
  }

  async function waitFor(predicate, description, timeoutMs = 60000) {
    const page = currentPage();
    const deadline = Date.now() + timeoutMs;
    while (!(await predicate())) {
      assert(Date.now() < deadline, description);
      await page.waitForTimeout(50);
    }
  }

  /** Reloads while uploads run: the page must ask "leave this page?" first; the test says yes. */
  async function reloadThroughTheLeavePrompt() {
    const page = currentPage();
    let asked = null;
    page.once('dialog', (d) => { asked = d.type(); d.accept(); });
    await page.reload();
    assert(asked === 'beforeunload', `leaving asked first (dialog: ${asked})`);
    await page.locator('#shell').waitFor();
  }
  return { s3, read, versionsOf, openFolder, clearFinished, dropText, pick, waitFor, reloadThroughTheLeavePrompt };
}
