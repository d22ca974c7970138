// The AWS SDK for JavaScript v3 at its defaults against a Coffer endpoint, run by JsSdkIT:
//   node s3-sdk.mjs <endpoint> <access key> <secret key> <bucket> <scratch dir>
// Prints "ok - <step>" or "not ok - <step>: <error>" per step and exits 1 if any step failed.
// Nothing is configured but the endpoint, the credentials, the region and path-style addressing:
// checksums (CRC32 when required or supported), Expect: 100-continue, part size and concurrency
// are the SDK's own.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  S3Client, PutObjectCommand, GetObjectCommand, HeadObjectCommand, DeleteObjectsCommand, ListObjectsV2Command,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

const [endpoint, accessKeyId, secretAccessKey, Bucket, scratch] = process.argv.slice(2);
const MIB = 1024 * 1024;

const s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId, secretAccessKey } });
// Every request as signed, the last in `sent` (to show which checksum and payload mode the SDK chose).
let sent;
const requests = [];
s3.middlewareStack.add((next) => async (args) => { sent = args.request; requests.push(sent); return next(args); },
  { step: 'deserialize', name: 'cofferRecordRequest' });

let failed = 0;
async function step(name, fn) {
  try {
    await fn();
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${name}: ${(e && e.stack) || e}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const header = (name) => Object.entries(sent.headers).find(([k]) => k.toLowerCase() === name)?.[1];

async function getBytes(Key) {
  const got = await s3.send(new GetObjectCommand({ Bucket, Key, ChecksumMode: 'ENABLED' }));
  return { got, bytes: Buffer.from(await got.Body.transformToByteArray()) };
}

await step('put and get with the default CRC32 checksum', async () => {
  const body = randomBytes(64 * 1024);
  const put = await s3.send(new PutObjectCommand({ Bucket, Key: 'small.bin', Body: body }));
  assert(header('x-amz-checksum-crc32'), `the SDK sent no CRC32: ${JSON.stringify(sent.headers)}`);
  assert(put.ChecksumCRC32, 'PutObject answered no ChecksumCRC32');
  const { got, bytes } = await getBytes('small.bin');
  assert(bytes.equals(body), 'GetObject returned other bytes');
  assert(got.ChecksumCRC32 === put.ChecksumCRC32, `GetObject CRC32 ${got.ChecksumCRC32} != PutObject's ${put.ChecksumCRC32}`);
});

await step('put of 8 MiB from a Buffer (sent with Expect: 100-continue)', async () => {
  const body = randomBytes(8 * MIB);
  await s3.send(new PutObjectCommand({ Bucket, Key: 'eight.bin', Body: body }));
  assert(header('expect') === '100-continue', `the SDK did not send Expect: 100-continue: ${JSON.stringify(sent.headers)}`);
  const { bytes } = await getBytes('eight.bin');
  assert(sha256(bytes) === sha256(body), 'GetObject returned other bytes');
});

await step('streaming (aws-chunked) put of a stream keeps Content-Encoding deflate, gzip', async () => {
  const body = randomBytes(3 * MIB + 17);
  await s3.send(new PutObjectCommand({
    Bucket, Key: 'streamed.bin', Body: Readable.from([body.subarray(0, MIB), body.subarray(MIB)]),
    ContentLength: body.length, ContentEncoding: 'deflate, gzip',
  }));
  const encoding = header('content-encoding');
  assert(encoding.split(',').some((e) => e.trim() === 'aws-chunked'), `not sent aws-chunked: content-encoding ${encoding}`);
  assert(/^STREAMING-/.test(header('x-amz-content-sha256')), `payload mode ${header('x-amz-content-sha256')}`);
  const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'streamed.bin' }));
  assert(head.ContentLength === body.length, `HeadObject length ${head.ContentLength}`);
  assert(head.ContentEncoding === 'deflate, gzip', `stored Content-Encoding "${head.ContentEncoding}"`);
  const { bytes } = await getBytes('streamed.bin');
  assert(sha256(bytes) === sha256(body), 'GetObject returned other bytes');
});

await step('lib-storage Upload of a 20 MiB file at its defaults (4 parts in parallel)', async () => {
  const file = join(scratch, 'twenty.bin');
  const body = randomBytes(20 * MIB);
  writeFileSync(file, body);
  requests.length = 0;
  const upload = new Upload({ client: s3, params: { Bucket, Key: 'twenty.bin', Body: createReadStream(file) } });
  const done = await upload.done();
  assert(/-4"$/.test(done.ETag), `ETag ${done.ETag} is not that of 4 parts`);
  const parts = requests.filter((r) => r.query?.partNumber);
  assert(parts.length === 4, `${parts.length} UploadPart requests`);
  assert(parts.every((r) => r.headers['x-amz-checksum-crc32'] && r.headers.Expect === '100-continue'),
    `UploadPart headers: ${JSON.stringify(parts.map((r) => r.headers))}`);
  const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'twenty.bin' }));
  assert(head.ContentLength === body.length, `HeadObject length ${head.ContentLength}`);
  const { bytes } = await getBytes('twenty.bin');
  assert(sha256(bytes) === sha256(body), 'GetObject returned other bytes');
});

await step('presigned GET fetched with fetch', async () => {
  const body = randomBytes(1000);
  await s3.send(new PutObjectCommand({ Bucket, Key: 'shared/a b+c.txt', Body: body }));
  const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket, Key: 'shared/a b+c.txt' }), { expiresIn: 300 });
  const response = await fetch(url);
  const fetched = Buffer.from(await response.arrayBuffer());
  assert(response.status === 200, `presigned GET answered ${response.status}: ${fetched}`);
  assert(fetched.equals(body), 'presigned GET returned other bytes');
  const forged = await fetch(url.replace(/X-Amz-Signature=[0-9a-f]/, (m) => m.slice(0, -1) + (m.endsWith('0') ? '1' : '0')));
  assert(forged.status === 403, `a changed signature answered ${forged.status}`);
});

await step('presigned PUT with Metadata (hoisted into the query) stores it', async () => {
  // At its default checksums the presigner also hoists the CRC32 of the Body it was given (of an
  // empty body when given none, which S3 then refuses as BadDigest for any other body).
  const body = 'with metadata';
  const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket, Key: 'presigned-meta', Body: body,
    Metadata: { colour: 'blue' } }), { expiresIn: 300 });
  assert(/[?&]x-amz-meta-colour=blue/.test(url), `the presigner did not hoist the metadata: ${url}`);
  const other = await fetch(url, { method: 'PUT', body: 'other bytes!!' });
  assert(other.status === 400 && /BadDigest/.test(await other.text()), `another body answered ${other.status}`);
  const response = await fetch(url, { method: 'PUT', body });
  assert(response.status === 200, `presigned PUT answered ${response.status}: ${await response.text()}`);
  const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'presigned-meta' }));
  assert(head.Metadata.colour === 'blue', `stored metadata ${JSON.stringify(head.Metadata)}`);
});

await step('ListObjectsV2 with a delimiter', async () => {
  for (const Key of ['list/a/1', 'list/a/2', 'list/b/1', 'list/c']) {
    await s3.send(new PutObjectCommand({ Bucket, Key, Body: Key }));
  }
  const listed = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'list/', Delimiter: '/' }));
  const prefixes = (listed.CommonPrefixes ?? []).map((p) => p.Prefix);
  const keys = (listed.Contents ?? []).map((o) => o.Key);
  assert(JSON.stringify(prefixes) === '["list/a/","list/b/"]', `CommonPrefixes ${JSON.stringify(prefixes)}`);
  assert(JSON.stringify(keys) === '["list/c"]', `Contents ${JSON.stringify(keys)}`);
  assert(listed.KeyCount === 3, `KeyCount ${listed.KeyCount}`);
});

await step('DeleteObjects removes the keys it names and reports each', async () => {
  const Objects = ['list/a/1', 'list/a/2', 'list/b/1', 'list/c', 'never-written'].map((Key) => ({ Key }));
  const deleted = await s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects } }));
  assert((deleted.Errors ?? []).length === 0, `Errors ${JSON.stringify(deleted.Errors)}`);
  assert(deleted.Deleted.length === 5, `Deleted ${JSON.stringify(deleted.Deleted)}`);
  const left = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'list/' }));
  assert(left.KeyCount === 0, `left after DeleteObjects: ${JSON.stringify(left.Contents)}`);
});

console.log(`${failed === 0 ? 'all passed' : failed + ' failed'}`);
process.exit(failed === 0 ? 0 : 1);
