// Coffer Drive in a folder of many objects (the caller creates them first):
//   node drive-scale.e2e.mjs <driveUrl> <accessKey> <secretKey> <bucket> <folder/> <count>
// The first rows show at once; scrolling loads page after page (ListObjectsV2 continuation
// tokens) and renders rows in batches, and a later page costs no more than an early one;
// a name-prefix filter jumps to the end of the folder without loading what comes before.
import { assert, DESKTOP, launch, screenshot, Steps } from './lib/harness.mjs';
import { row, signIn } from './lib/drive-page.mjs';


const [driveUrl, accessKey, secretKey, bucket, folder, countText] = process.argv.slice(2);
const count = Number(countText);
if (!bucket || !folder || !count) {
  console.error('usage: node drive-scale.e2e.mjs <driveUrl> <accessKey> <secretKey> <bucket> <folder/> <count>');
  process.exit(2);
}
const steps = new Steps();
const { context, close } = await launch(DESKTOP);
const page = context.pages()[0] || (await context.newPage());
page.on('pageerror', (e) => console.log(`page error - ${e.message}`));
const statusText = () => page.locator('.list-status').textContent();
const loadedCount = async () => Number((await statusText()).split(' ')[0].replace(/\D/g, '') || 0);
const keyAt = (i) => `${folder}file-${String(i).padStart(6, '0')}.txt`;

await steps.run(`open a folder of ${count.toLocaleString('en')} objects: the first rows show at once`, async () => {
  await page.goto(driveUrl);
  await signIn(page, accessKey, secretKey);
  await page.locator('.buckets-view').waitFor();
  const started = Date.now();
  await page.goto(`${driveUrl}#/${bucket}/${folder}`);
  await row(page, keyAt(0)).waitFor();
  const ms = Date.now() - started;
  console.log(`timing - first rows after ${ms} ms`);
  assert(ms < 3000, `first rows within 3 s (${ms} ms)`);
  assert((await page.locator('.rows .row').count()) < 200, 'only the rows near the viewport are in the DOM');
  await screenshot(page, 'desktop-large-folder');
});

await steps.run('scrolling loads every page; a late page is as fast as an early one', async () => {
  const perThousand = [];
  let last = 0;
  let mark = Date.now();
  const deadline = Date.now() + 240000;
  for (;;) {
    // One round trip per scroll: scroll to the end, then read how many rows are there and the last key.
    const seen = await page.evaluate((lastKey) => {
      window.scrollTo(0, document.documentElement.scrollHeight);
      const status = document.querySelector('.list-status').textContent;
      return { rows: Number(status.split(' ')[0].replace(/\D/g, '')), last: !!document.querySelector(`.rows .row[data-key="${lastKey}"]`) };
    }, keyAt(count - 1));
    if (Math.floor(seen.rows / 1000) > Math.floor(last / 1000)) {
      perThousand.push(Date.now() - mark);
      mark = Date.now();
    }
    last = seen.rows;
    if (seen.last) break;
    assert(Date.now() < deadline, `all rows shown within 240 s (at ${await statusText()})`);
    await page.waitForTimeout(16);
  }
  const head = perThousand.slice(0, 5).reduce((a, b) => a + b, 0) / Math.min(5, perThousand.length);
  const tail = perThousand.slice(-5).reduce((a, b) => a + b, 0) / Math.min(5, perThousand.length);
  console.log(`timing - ${perThousand.length} pages of 1,000; first five ${head.toFixed(0)} ms each, last five ${tail.toFixed(0)} ms each`);
  assert(tail < Math.max(4 * head, 600), `late pages stay fast (${tail.toFixed(0)} ms vs ${head.toFixed(0)} ms)`);
  const status = await statusText();
  assert((await loadedCount()) === count && !status.includes('more'), `status counts ${count} items, no more to load: ${status}`);
  const inDom = await page.locator('.rows .row').count();
  assert(inDom < 200, `only the rows near the viewport are in the DOM (${inDom})`);
  assert((await page.locator('.file-list').getAttribute('aria-rowcount')) === String(count + 1), 'the grid tells its full row count');
});

await steps.run('a name-prefix filter finds the last object without loading the rest', async () => {
  const started = Date.now();
  const last = keyAt(count - 1);
  await page.fill('#filter', last.slice(folder.length));
  await page.waitForFunction((key) => {
    const rows = document.querySelectorAll('.rows .row');
    return rows.length === 1 && rows[0].dataset.key === key;
  }, last);
  console.log(`timing - filter answered in ${Date.now() - started} ms`);
});

await close();
process.exit(steps.summary());
