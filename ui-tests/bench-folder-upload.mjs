// How long the drive takes to upload a picked folder, in headless Chromium, variants interleaved:
//   ROUNDS=3 KINDS=small,large node bench-folder-upload.mjs <driveUrl> <accessKey> <secretKey> <bucket> <uiDirA> [<uiDirB> ...]
// Each variant's drive files (index.html, js/, css/) are served from its directory (a checkout of
// api/src/main/resources/coffer-ui/) on a port of its own, VARIANT_PORT + 0, 1, … (the server
// must list those origins in coffer.ui.origin), with the drive's config.json: one server runs them all. A round picks, for each kind,
// the same folder once per variant (the order rotating round by round) in a fresh tab, and times
// from the pick to the folder's line saying "Done". KINDS: small (300 files of 1-16 KiB) and large
// (3 files of 40 MiB). DELAY_MS: each way's delay through a TCP relay before the S3 endpoint. LATENCY_MS: a round trip added to every request (DevTools' throttling). Prints each time with the load average, then the medians; no assertion: a
// benchmark, not a test (docs/benchmarks.md).
import { createServer } from 'node:http';
import { connect, createServer as createTcpServer } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from './lib/harness.mjs';
import { signIn } from './lib/drive-page.mjs';

const [driveUrl, accessKey, secretKey, bucket, ...dirs] = process.argv.slice(2);
if (!dirs.length) {
  console.error('usage: ROUNDS=3 KINDS=small,large node bench-folder-upload.mjs <driveUrl> <accessKey> <secretKey> <bucket> <uiDirA> [<uiDirB> ...]');
  process.exit(2);
}
const roundsArg = process.env.ROUNDS || '3';
const kindsArg = process.env.KINDS || 'small,large';
const TYPES = { html: 'text/html', js: 'text/javascript', css: 'text/css', svg: 'image/svg+xml', json: 'application/json' };
let config = await (await fetch(new URL('config.json', driveUrl))).text();
const servers = [];
if (process.env.DELAY_MS) { // a distant server: every byte each way waits DELAY_MS (a TCP relay), preflights included
  const { s3Endpoint } = JSON.parse(config);
  const target = new URL(s3Endpoint);
  const delay = Number(process.env.DELAY_MS);
  const relay = createTcpServer((client) => {
    const upstream = connect(Number(target.port), '127.0.0.1');
    const pipe = (from, to) => from.on('data', (chunk) => setTimeout(() => to.write(chunk), delay)).on('end', () => setTimeout(() => to.end(), delay));
    pipe(client, upstream);
    pipe(upstream, client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  const relayPort = Number(process.env.VARIANT_PORT || 9482) + 7;
  await new Promise((resolve) => relay.listen(relayPort, '127.0.0.1', resolve));
  servers.push(relay);
  config = JSON.stringify({ ...JSON.parse(config), s3Endpoint: `http://127.0.0.1:${relayPort}` });
}
const variants = await Promise.all(dirs.map((dir, i) => new Promise((resolve) => {
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname.replace(/^\/+/, '') || 'index.html';
    if (path === 'config.json') return res.writeHead(200, { 'content-type': TYPES.json }).end(config);
    const file = join(dir, path);
    if (path.includes('..') || !statSync(file, { throwIfNoEntry: false })?.isFile()) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[path.split('.').pop()] || 'application/octet-stream', 'cache-control': 'no-store' }).end(readFileSync(file));
  });
  servers.push(server);
  const port = Number(process.env.VARIANT_PORT || 9482) + i;
  server.listen(port, '127.0.0.1', () => resolve([String.fromCharCode(65 + i), `http://127.0.0.1:${port}/`]));
})));
const tmp = mkdtempSync(join(tmpdir(), 'bench-folder-upload-'));
const FOLDERS = {
  small: () => Array.from({ length: 300 }, (_, i) => [`f${String(i).padStart(3, '0')}.txt`, 1024 + ((i * 7919) % (15 * 1024))]),
  large: () => Array.from({ length: 3 }, (_, i) => [`big${i}.bin`, 40 * 1024 * 1024]),
};
const folders = {};
for (const kind of kindsArg.split(',')) {
  const dir = join(tmp, kind);
  mkdirSync(dir);
  for (const [name, size] of FOLDERS[kind]()) writeFileSync(join(dir, name), randomBytes(size));
  folders[kind] = dir;
}

const { context, close } = await launch();
const times = {};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function once(variant, url, kind, round) {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`page error (${variant}) - ${e.message}`));
  if (process.env.LATENCY_MS) { // a distant server: DevTools' throttling adds this to every request's round trip
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: Number(process.env.LATENCY_MS), downloadThroughput: -1, uploadThroughput: -1 });
  }
  await page.goto(url);
  await signIn(page, accessKey, secretKey);
  await page.locator('.buckets-view').waitFor();
  const prefix = `${variant}-${kind}-${round}/`;
  await page.goto(`${url}#/${bucket}/${prefix}`);
  await page.locator('.browser-view').waitFor();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#upload-folder')]);
  const load = loadavg()[0].toFixed(1);
  const started = Date.now();
  await chooser.setFiles(folders[kind]);
  await page.locator(`.upload-group[data-group="${prefix}${kind}/"][data-state=done]`).waitFor({ state: 'attached', timeout: 600000 });
  const ms = Date.now() - started;
  await page.close();
  (times[`${kind} ${variant}`] ||= []).push(ms);
  console.log(`${kind} ${variant} round ${round}: ${ms} ms (load ${load})`);
}

{ // the bucket, made by the drive's own S3 client
  const page = await context.newPage();
  await page.goto(driveUrl);
  await signIn(page, accessKey, secretKey);
  await page.locator('.buckets-view').waitFor();
  await page.evaluate(async (name) => {
    const { restore } = await import(new URL('js/session.js', location.href).href);
    const { S3Client } = await import(new URL('js/s3-client.js', location.href).href);
    const config = await (await fetch('config.json')).json();
    await new S3Client(restore(), config.s3Endpoint).createBucket(name).catch(() => {});
  }, bucket);
  await page.close();
}
for (let round = 1; round <= Number(roundsArg); round++) {
  for (const kind of Object.keys(folders)) {
    const order = variants.map((_, i) => variants[(i + round - 1) % variants.length]);
    for (const [variant, url] of order) await once(variant, url, kind, round);
  }
}
for (const [name, xs] of Object.entries(times)) console.log(`median ${name}: ${median(xs)} ms of ${xs.join(', ')}`);
await close();
for (const server of servers) server.close();
rmSync(tmp, { recursive: true, force: true });
