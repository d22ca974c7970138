// Uploading over a name that exists asks first: replace it, keep both (the new file becomes
// "name (1).ext", the next free number), or — on a bucket with versioning on — keep the old one
// as an earlier version (the PUT then simply adds a version; nothing is lost). A batch (a drop,
// several picked files, a folder) is one question with "do the same for the others".
import { h } from './dom.js';
import { baseName, formatCount } from './format.js';
import { noteIfSlow, openDialog } from './dialogs.js';

const PARALLEL_HEADS = 6;

/**
 * The current version's id ("null" when unversioned) when the key exists, else undefined. A 403
 * also counts as "not known to exist": S3 answers 403 for a missing key to whoever may not list
 * the bucket, and such a person (one allowed only s3:PutObject, say) must still be able to upload.
 */
async function exists(client, bucket, key) {
  try {
    const response = await client.request({ method: 'HEAD', bucket, key });
    return response.headers.get('x-amz-version-id') || 'null';
  } catch (e) {
    if (e.status === 404 || e.status === 403) return undefined;
    throw e;
  }
}

const ENTRIES_PER_PAGE = 5; // a listing page (1,000 keys) is worth it from 5 names on: it costs about what a few HEADs do
const MAX_PAGES = 10; // a folder holding more than 10,000 objects is not listed: one HEAD per entry

/**
 * The keys under the entries' common folder, when that folder holds at most one listing page per
 * ENTRIES_PER_PAGE entries (MAX_PAGES at most) and the key may list it; else null (every entry is
 * then HEADed). A folder of 300 files dropped into an empty place costs one LIST instead of 300
 * HEADs before the first upload starts.
 */
async function listedKeys(client, bucket, entries) {
  const keys = entries.map((e) => e.key);
  let prefix = keys[0];
  for (const key of keys) while (!key.startsWith(prefix)) prefix = prefix.slice(0, -1);
  prefix = prefix.slice(0, prefix.lastIndexOf('/') + 1);
  const held = new Set();
  let token = null;
  try {
    for (let page = 0; page < Math.min(MAX_PAGES, Math.floor(entries.length / ENTRIES_PER_PAGE)); page++) {
      const listed = await client.listObjects({ bucket, prefix, delimiter: '', token });
      for (const f of listed.files) held.add(f.key);
      token = listed.next;
      if (!token) return held;
    }
  } catch (e) {
    if (e.status !== 403) throw e; // a key that may upload but not list: HEADs, which say 403 for "not known to exist"
  }
  return null;
}

/** key → current version id, for the entries whose key already names an object (HEADs a few at a time). */
async function existing(client, bucket, entries) {
  const found = new Map();
  const held = entries.length >= ENTRIES_PER_PAGE ? await listedKeys(client, bucket, entries) : null;
  const queue = held ? entries.filter((e) => held.has(e.key)) : entries.slice();
  const worker = async () => {
    for (let e = queue.shift(); e; e = queue.shift()) {
      const version = await exists(client, bucket, e.key);
      if (version) found.set(e.key, version);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_HEADS }, worker));
  return found;
}

/** "a/b/report.pdf" → "a/b/report (n).pdf"; a name without extension gets " (n)" at its end. */
export function numbered(key, n) {
  const slash = key.lastIndexOf('/') + 1;
  const name = key.slice(slash);
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  return `${key.slice(0, slash)}${stem} (${n})${ext}`;
}

async function freeName(client, bucket, key, taken) {
  for (let n = 1; ; n++) {
    const candidate = numbered(key, n);
    if (!taken.has(candidate) && !(await exists(client, bucket, candidate))) {
      taken.add(candidate);
      return candidate;
    }
  }
}

async function versioningOn(client, bucket) {
  try {
    const root = await client.xml({ bucket, query: { versioning: '' } });
    return Array.from(root.children).some((c) => c.localName === 'Status' && c.textContent === 'Enabled');
  } catch {
    return false; // not allowed to read it: do not offer what may not hold
  }
}

function ask(key, others, versioned) {
  const all = h('input', { type: 'checkbox', id: 'conflict-all', checked: true });
  const body = h('div', { class: 'conflict' },
    h('p', {}, `“${baseName(key)}” already exists here. What should happen to the file that is there?`),
    versioned ? h('p', { class: 'hint' }, 'Versioning is on: “Keep as a version” keeps the old file among the versions, where you can restore it; “Replace” deletes it for good once the new one is in.') : null,
    others ? h('label', { class: 'check-field' }, all, ` Do the same for the ${others} other name${others === 1 ? '' : 's'} that exist${others === 1 ? 's' : ''}`) : null);
  const actions = [{ label: 'Skip', value: 'skip' }, { label: 'Keep both', value: 'both' }];
  if (versioned) actions.push({ label: 'Keep as a version', value: 'version' });
  actions.push({ label: 'Replace', value: 'replace', kind: versioned ? '' : 'danger' });
  return openDialog({ title: others ? `${others + 1} files already exist` : 'File already exists', body, actions })
    .then((choice) => ({ choice: choice || 'skip', all: !others || all.checked }));
}

/**
 * The entries to upload after asking about those whose names exist: skipped ones left out,
 * "keep both" ones renamed to the next free "name (n).ext". An empty folder's marker ("name/")
 * that exists is left out without a question: the folder is there already.
 */
export async function resolveConflicts(client, bucket, entries) {
  const done = noteIfSlow(`Checking which of ${formatCount(entries.length)} names exist already…`); // one HEAD each
  let found;
  try {
    found = await existing(client, bucket, entries);
  } finally {
    done();
  }
  const there = new Set([...found.keys()].filter((key) => key.endsWith('/')));
  for (const key of there) found.delete(key);
  entries = entries.filter((e) => !there.has(e.key));
  if (!found.size) return entries;
  const versioned = await versioningOn(client, bucket);
  const taken = new Set(entries.map((e) => e.key));
  const out = [];
  let remaining = found.size;
  let standing = null;
  for (const entry of entries) {
    if (!found.has(entry.key)) {
      out.push(entry);
      continue;
    }
    remaining--;
    let choice = standing;
    if (!choice) {
      const answer = await ask(entry.key, remaining, versioned);
      choice = answer.choice;
      if (answer.all) standing = choice;
    }
    if (choice === 'skip') continue;
    if (choice === 'both') out.push({ ...entry, key: await freeName(client, bucket, entry.key, taken) });
    else if (choice === 'replace' && versioned) out.push({ ...entry, replaces: found.get(entry.key) }); // its version goes once the new one is in
    else out.push(entry); // a plain PUT: it replaces the old object, or on a versioned bucket adds a version above it
  }
  return out;
}
