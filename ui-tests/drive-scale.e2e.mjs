// Coffer Drive in a folder of many objects (the caller creates them first):
//   node drive-scale.e2e.mjs <driveUrl> <accessKey> <secretKey> <bucket> <folder/> <count>
// What keeps a big folder fast, asserted as behaviour (times are printed, never asserted): the
// first rows show after one ListObjectsV2 page; scrolling asks for each later page once, from
// the continuation token of the one before (never re-listing from the start), and keeps only
// the rows near the viewport in the DOM; a name-prefix filter asks for that prefix only.
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
// Every ListObjectsV2 request the page sends for this bucket, in order.
const listings = [];
page.on('request', (request) => {
  const url = new URL(request.url());
  if (url.searchParams.get('list-type') === '2' && url.pathname.replace(/^\//, '').split('/')[0] === bucket) {
    listings.push({ prefix: url.searchParams.get('prefix'), token: url.searchParams.get('continuation-token'),
      maxKeys: Number(url.searchParams.get('max-keys')) });
  }
});
const folderListings = () => listings.filter((l) => l.prefix === folder);

await steps.run(`open a folder of ${count.toLocaleString('en')} objects: the first rows show at once`, async () => {
  await page.goto(driveUrl);
  await signIn(page, accessKey, secretKey);
  await page.locator('.buckets-view').waitFor();
  const started = Date.now();
  await page.goto(`${driveUrl}#/${bucket}/${folder}`);
  await row(page, keyAt(0)).waitFor();
  console.log(`timing - first rows after ${Date.now() - started} ms`);
  const asked = folderListings();
  assert(asked.length === 1 && !asked[0].token && asked[0].maxKeys <= 1000,
    `the first rows come from one page of at most 1,000 keys: ${JSON.stringify(asked)}`);
  assert((await page.locator('.rows .row').count()) < 200, 'only the rows near the viewport are in the DOM');
  await screenshot(page, 'desktop-large-folder');
});

await steps.run('scrolling loads every page once, each from where the last ended', async () => {
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
  const asked = folderListings();
  const tokens = asked.slice(1).map((l) => l.token);
  assert(asked.length === Math.ceil(count / asked[0].maxKeys),
    `one request per page of ${asked[0].maxKeys}: ${asked.length} requests for ${count} keys`);
  assert(tokens.every(Boolean) && new Set(tokens).size === tokens.length,
    'every later page continues from a token, and no page is asked for twice (no re-listing from the start)');
  const status = await statusText();
  assert((await loadedCount()) === count && !status.includes('more'), `status counts ${count} items, no more to load: ${status}`);
  const inDom = await page.locator('.rows .row').count();
  assert(inDom < 200, `only the rows near the viewport are in the DOM (${inDom})`);
  assert((await page.locator('.file-list').getAttribute('aria-rowcount')) === String(count + 1), 'the grid tells its full row count');
});

await steps.run('a name-prefix filter finds the last object without loading the rest', async () => {
  const started = Date.now();
  const last = keyAt(count - 1);
  const before = listings.length;
  await page.fill('#filter', last.slice(folder.length));
  await page.waitForFunction((key) => {
    const rows = document.querySelectorAll('.rows .row');
    return rows.length === 1 && rows[0].dataset.key === key;
  }, last);
  console.log(`timing - filter answered in ${Date.now() - started} ms`);
  const asked = listings.slice(before);
  assert(asked.length >= 1 && asked.every((l) => last.startsWith(l.prefix) && l.prefix.length > folder.length),
    `the filter asks only for keys under its prefix: ${JSON.stringify(asked.map((l) => l.prefix))}`);
});

await close();
process.exit(steps.summary());
