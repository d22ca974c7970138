// The drive's "Download as zip" past 4 GiB, without a browser: the very client-zip build the drive
// serves (api/.../coffer-ui/js/vendor/client-zip.js, read byte for byte) zips synthetic streams as
// zip.js gives it objects — a Response per file, its size unknown in advance — and the output goes
// to a file, which DriveZip64IT then checks with unzip -t and Python's zipfile:
//   node zip64.node.mjs <out.zip> [bigMiB]
// Entries: small.txt, big.bin (bigMiB MiB, 4097 by default: more than 4 GiB on its own, so its
// sizes need Zip64), after.txt (whose local header starts past 4 GiB, so its offset needs Zip64).
// Every MiB of big.bin starts with its index, so a chunk lost, repeated or reordered changes the CRC.
import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createHash } from 'node:crypto';

const [out, mib = '4097'] = process.argv.slice(2);
if (!out) {
  console.error('usage: node zip64.node.mjs <out.zip> [bigMiB]');
  process.exit(2);
}
const vendored = new URL('../api/src/main/resources/coffer-ui/js/vendor/client-zip.js', import.meta.url);
const source = readFileSync(vendored);
const { downloadZip } = await import('data:text/javascript;base64,' + source.toString('base64'));
console.log('client-zip - ' + source.toString('utf8').match(/client-zip \d+\.\d+\.\d+/)[0] + ' sha256 '
  + createHash('sha256').update(source).digest('hex'));

const MIB = 1 << 20;
const chunks = Number(mib);
const pattern = new Uint8Array(MIB).map((_, i) => (i * 31 + 7) & 0xff);
const digest = createHash('sha256');

/** big.bin as a stream of 1 MiB chunks, pulled as client-zip reads (nothing held in memory). */
function big() {
  let n = 0;
  return new ReadableStream({
    pull(controller) {
      if (n === chunks) {
        controller.close();
        return;
      }
      const chunk = pattern.slice();
      new DataView(chunk.buffer).setUint32(0, n++, true);
      digest.update(chunk);
      controller.enqueue(chunk);
    },
  }, { highWaterMark: 0 });
}

const when = new Date('2026-01-02T03:04:06Z');
async function* files() {
  yield { name: 'small.txt', lastModified: when, input: new Response('first, before the big one\n') };
  yield { name: 'big.bin', lastModified: when, input: new Response(big()) };
  yield { name: 'after.txt', lastModified: when, input: new Response('after 4 GiB\n') };
}

let written = 0;
const counting = new TransformStream({
  transform(chunk, controller) {
    written += chunk.byteLength;
    controller.enqueue(chunk);
  },
});
const file = await open(out, 'w');
// Each chunk written before the next is asked for: the zip streams through, nothing piles up in memory.
const toFile = new WritableStream({ async write(chunk) { await file.write(chunk); } });
try {
  await downloadZip(files()).body.pipeThrough(counting).pipeTo(toFile);
} finally {
  await file.close();
}
console.log(`zip - ${out} ${written} bytes`);
console.log(`big.bin - ${chunks * MIB} bytes sha256 ${digest.digest('hex')}`);
