// A web application on another origin uses a bucket through its CORS rules, in headless Chromium:
//   node bucket-cors.e2e.mjs <allowedPort> <otherPort> <putUrl> <getUrl> <deleteUrl>
// Serves an empty page on http://127.0.0.1:<allowedPort> (the origin the bucket's rules allow for
// GET and PUT, with the headers content-type and x-amz-*, exposing ETag) and on
// http://127.0.0.1:<otherPort> (an origin no rule names). From the first, the page uploads with the
// presigned PUT and reads the object back with fetch; a DELETE and a header the rules do not allow
// are refused by the browser (fetch rejects). From the second, even the GET is refused.
import { createServer } from 'node:http';
import { assert, launch, Steps } from './lib/harness.mjs';

const [allowedPort, otherPort, putUrl, getUrl, deleteUrl] = process.argv.slice(2);
if (!allowedPort || !otherPort || !putUrl || !getUrl || !deleteUrl) {
  console.error('usage: node bucket-cors.e2e.mjs <allowedPort> <otherPort> <putUrl> <getUrl> <deleteUrl>');
  process.exit(2);
}
const BODY = 'written by a page on another origin';

function serve(port) {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html><head><meta charset="utf-8"><title>app</title></head><body>app</body></html>');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(port), '127.0.0.1', () => resolve(server));
  });
}

/** Runs fetch in the page; resolves to {status, text, headers} or {rejected: the error's name}. */
function pageFetch(page, url, init) {
  return page.evaluate(async ({ url, init }) => {
    try {
      const r = await fetch(url, init);
      return { status: r.status, text: await r.text(), etag: r.headers.get('etag'),
        requestId: r.headers.get('x-amz-request-id') };
    } catch (e) {
      return { rejected: e.name };
    }
  }, { url, init });
}

const servers = [await serve(allowedPort), await serve(otherPort)];
const steps = new Steps();
const { context, close } = await launch();
const page = context.pages()[0] || (await context.newPage());

await steps.run('a page on the allowed origin uploads with a presigned PUT and reads the exposed ETag', async () => {
  await page.goto(`http://127.0.0.1:${allowedPort}/`);
  const put = await pageFetch(page, putUrl, { method: 'PUT', body: BODY, headers: { 'Content-Type': 'text/plain' } });
  assert(put.status === 200, 'PUT answered ' + JSON.stringify(put));
  assert(put.etag && put.etag.startsWith('"'), 'ETag exposed: ' + JSON.stringify(put));
});

await steps.run('it reads the object back with fetch; a header not exposed stays hidden', async () => {
  const got = await pageFetch(page, getUrl);
  assert(got.status === 200 && got.text === BODY, 'GET answered ' + JSON.stringify(got));
  assert(got.requestId === null, 'x-amz-request-id is not exposed: ' + JSON.stringify(got));
});

await steps.run('a DELETE the rules do not allow is refused by the browser', async () => {
  const del = await pageFetch(page, deleteUrl, { method: 'DELETE' });
  assert(del.rejected === 'TypeError', 'DELETE was not refused: ' + JSON.stringify(del));
});

await steps.run('a request header the rules do not allow is refused by the browser', async () => {
  const put = await pageFetch(page, putUrl, { method: 'PUT', body: 'not this', headers: { 'X-Custom-Header': '1' } });
  assert(put.rejected === 'TypeError', 'PUT with X-Custom-Header was not refused: ' + JSON.stringify(put));
});

await steps.run('a page on an origin no rule names cannot read the object', async () => {
  await page.goto(`http://127.0.0.1:${otherPort}/`);
  const got = await pageFetch(page, getUrl);
  assert(got.rejected === 'TypeError', 'GET from the other origin was not refused: ' + JSON.stringify(got));
});

await close();
for (const s of servers) s.close();
process.exit(steps.summary());
