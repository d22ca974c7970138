// What can be done to selected items: download (one by one, or as one zip), share, rename, move
// (to a folder picked by browsing the bucket), delete, new folder, and the bucket's versioning
// switch. Each resolves to false (nothing changed), true (list the folder again), or
// { gone: keys no longer here, focus: the key to focus once listed again }.
import { h } from './dom.js';
import { baseName } from './format.js';
import { confirmAction, openDialog, promptText, toast } from './dialogs.js';
import { describe } from './errors.js';
import { pickFolder } from './folder-picker.js';
export { preview } from './preview.js';
export { details } from './details.js';
export { share } from './share.js';
export { downloadAsZip } from './zip.js';

/** Each file as its own download, through a short-lived presigned URL that asks for an attachment. */
export async function download(ctx, bucket, files, versionId) {
  for (const [i, file] of files.entries()) {
    const query = { 'response-content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(baseName(file.key))}` };
    if (versionId) query.versionId = versionId;
    const link = h('a', { href: await ctx.client.presign(bucket, file.key, 300, query), download: baseName(file.key), hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    if (i < files.length - 1) await new Promise((r) => setTimeout(r, 400));
  }
}

export async function createFolder(ctx, bucket, prefix) {
  const name = await promptText({ title: 'New folder', label: 'Folder name', confirmLabel: 'Create folder',
    validate: (v) => (v.startsWith('/') || v.includes('//') ? 'A folder name cannot start with “/” or contain “//”.' : null) });
  if (!name) return false;
  await ctx.client.putEmpty(bucket, prefix + name.replace(/\/+$/, '') + '/');
  toast(`Folder ${name} created.`, 'success');
  return true;
}

/** Every key in the entries, folders expanded to all objects under them (marker included). */
async function expand(ctx, bucket, entries) {
  const keys = [];
  for (const entry of entries) {
    if (entry.type === 'file') keys.push(entry.key);
    else keys.push(...(await ctx.client.listAll(bucket, entry.key)).map((f) => f.key));
  }
  return keys;
}

function describeItems(entries) {
  const folders = entries.filter((e) => e.type === 'folder').length;
  const files = entries.length - folders;
  if (entries.length === 1) return `“${entries[0].name}”` + (folders ? ' and everything in it' : '');
  const parts = [];
  if (files) parts.push(`${files} file${files === 1 ? '' : 's'}`);
  if (folders) parts.push(`${folders} folder${folders === 1 ? '' : 's'} with everything in them`);
  return parts.join(' and ');
}

/** What a delete leaves, by the bucket's versioning: "cannot be undone" is said only where it is true. */
async function afterDelete(ctx, bucket) {
  const status = await ctx.client.getVersioning(bucket).catch(() => null);
  return {
    Enabled: 'Versioning is on: what you delete stays under Deleted, where you can restore it.',
    Suspended: 'Versioning is suspended: versions kept before stay under Deleted; what was written since is gone for good.',
    Off: 'This cannot be undone.',
  }[status] || 'This cannot be undone (in a versioned bucket, earlier versions are kept).';
}

export async function remove(ctx, bucket, entries) {
  if (!entries.length) return false;
  const folders = entries.some((e) => e.type === 'folder');
  let keys = entries.map((e) => e.key);
  if (folders) {
    const note = toast('Counting what the folders hold…', 'info', 0);
    try {
      keys = await expand(ctx, bucket, entries); // counted before asking: the question says how many go
    } finally {
      note.remove();
    }
  }
  const count = folders ? ` That is ${keys.length} object${keys.length === 1 ? '' : 's'}.` : '';
  const ok = await confirmAction({ title: 'Delete', confirmLabel: 'Delete',
    message: `Delete ${describeItems(entries)}?${count} ${await afterDelete(ctx, bucket)}` });
  if (!ok) return false;
  const note = toast('Deleting…', 'info', 0);
  try {
    const failed = await ctx.client.deleteObjects(bucket, keys, (n) => { note.firstChild.textContent = `Deleting… ${n} of ${keys.length}`; });
    if (failed.length) toast(`${failed.length} of ${keys.length} objects could not be deleted (${failed[0].code}).`, 'error');
    else toast(`Deleted ${describeItems(entries)}.`, 'success');
  } finally {
    note.remove();
  }
  return { gone: entries.map((e) => e.key) };
}

function targetProblem(value) {
  if (value.startsWith('/')) return 'Paths start inside the bucket: leave out the leading “/”.';
  if (value.includes('//')) return 'A path cannot contain “//”.';
  return null;
}

/**
 * What a rename or move leaves behind in a versioned bucket, said before it is done. S3 has no
 * rename: the drive copies each object (CopyObject) and deletes the old key (DeleteObject), which
 * in a versioned bucket puts a delete marker on the old name over its versions. So the old name
 * shows under Deleted, restorable, and the new name starts with the current version only.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/DeletingObjectVersions.html
 */
async function leftBehind(ctx, bucket, entries, verb) {
  const status = await ctx.client.getVersioning(bucket).catch(() => null);
  if (status !== 'Enabled' && status !== 'Suspended') return null;
  const file = entries.length === 1 && entries[0].type === 'file';
  const what = entries.length > 1 ? 'the old names' : `“${entries[0].name}”${file ? '' : ' and everything in it'}`;
  const how = `S3 has no ${verb}: each file is copied to its new place and deleted at the old one.`;
  return status === 'Enabled'
    ? `Versioning is on. ${how} So ${what} ${file ? 'stays' : 'stay'} under Deleted with ${file ? 'its' : 'their'} versions, where ${file ? 'it' : 'they'} can be restored; the new place starts with the current version only.`
    : `Versioning is suspended. ${how} Versions of ${what} kept before the suspension stay under Deleted; the new place starts with the current version only.`;
}

/** One item: a new name or path (a rename, or a move when the folders differ). */
export async function rename(ctx, bucket, prefix, entries) {
  if (entries.length !== 1) return false;
  const [entry] = entries;
  const answer = await promptText({ title: entry.type === 'folder' ? 'Rename folder' : 'Rename', label: 'New path in the bucket',
    value: entry.key.replace(/\/$/, ''), confirmLabel: 'Rename', hint: 'Change the name, or the folders before it to move.',
    note: await leftBehind(ctx, bucket, entries, 'rename'), validate: targetProblem });
  if (answer == null) return false;
  const target = answer.replace(/\/$/, '') + (entry.type === 'folder' ? '/' : '');
  return relocate(ctx, bucket, [[entry, target]], `Renamed to ${baseName(target)}.`);
}

/** Several items (or one) into a folder chosen in the folder picker. */
export async function move(ctx, bucket, prefix, entries) {
  if (!entries.length) return false;
  const folder = await pickFolder(ctx, bucket, { title: entries.length === 1 ? `Move “${entries[0].name}”` : `Move ${entries.length} items`,
    start: prefix, excluded: entries.filter((e) => e.type === 'folder').map((e) => e.key), note: await leftBehind(ctx, bucket, entries, 'move') });
  if (folder == null) return false;
  const pairs = entries.map((e) => [e, folder + e.name + (e.type === 'folder' ? '/' : '')]);
  const where = folder ? folder.replace(/\/$/, '') : 'the top of ' + bucket;
  if (pairs.every(([e, target]) => target === e.key)) { // "Move here" where they are: said, not silently nothing
    toast(`${entries.length === 1 ? `“${entries[0].name}” is` : 'They are'} already in ${where}: nothing was moved.`, 'info');
    return false;
  }
  return relocate(ctx, bucket, pairs, `Moved ${entries.length === 1 ? `“${entries[0].name}”` : `${entries.length} items`} to ${where}.`);
}

/**
 * Each object is copied (CopyObject) and then deleted; folders move with everything in them.
 * Resolves to the keys gone from where they were, and the new key of a single item.
 */
async function relocate(ctx, bucket, pairs, done) {
  const moves = []; // [source key, target key]
  const gone = [];
  for (const [entry, target] of pairs) {
    if (target === entry.key) continue;
    if (entry.type === 'folder') {
      if (target.startsWith(entry.key)) throw Object.assign(new Error('A folder cannot be moved into itself.'), { code: 'MoveIntoSelf' });
      for (const key of await expand(ctx, bucket, [entry])) moves.push([key, target + key.slice(entry.key.length)]);
    } else {
      if (await exists(ctx, bucket, target) && !(await confirmAction({ title: 'Replace?', confirmLabel: 'Replace',
        message: `“${target}” already exists. Replace it with “${entry.name}”?` }))) return false;
      moves.push([entry.key, target]);
    }
    gone.push(entry.key);
  }
  if (!moves.length) return false;
  const note = toast('Moving…', 'info', 0);
  try {
    for (const [i, [from, to]] of moves.entries()) {
      note.firstChild.textContent = `Moving… ${i + 1} of ${moves.length}`;
      await ctx.client.copyObject(bucket, from, to);
    }
    const failed = await ctx.client.deleteObjects(bucket, moves.map(([from]) => from));
    if (failed.length) toast(`Copied, but ${failed.length} originals could not be removed.`, 'error');
    else toast(done, 'success');
  } finally {
    note.remove();
  }
  return { gone, focus: pairs.length === 1 ? pairs[0][1] : null };
}

async function exists(ctx, bucket, key) {
  try {
    await ctx.client.headObject(bucket, key);
    return true;
  } catch (e) {
    if (e.status === 404) return false;
    throw e;
  }
}

export async function versioningSettings(ctx, bucket) {
  let status;
  try {
    status = await ctx.client.getVersioning(bucket);
  } catch (e) {
    toast(describe(e), 'error');
    return false;
  }
  const words = { Off: 'Versioning is off: a new upload replaces the old file for good.',
    Enabled: 'Versioning is on: every change keeps the earlier version, which you can download or restore from the file’s details.',
    Suspended: 'Versioning is suspended: earlier versions are kept, but new changes replace the current version.' };
  const turnOn = status !== 'Enabled';
  const choice = await openDialog({ title: `Versioning of ${bucket}`, body: h('p', {}, words[status] || status),
    actions: [{ label: 'Close', value: null }, { label: turnOn ? 'Turn versioning on' : 'Suspend versioning', value: 'switch', kind: 'primary' }] });
  if (choice !== 'switch') return false;
  await ctx.client.putVersioning(bucket, turnOn ? 'Enabled' : 'Suspended').then(
    () => toast(turnOn ? 'Versioning is on.' : 'Versioning is suspended.', 'success'),
    (e) => ctx.reportError(e));
  return false;
}
