// What can be done to selected items: download, share, rename/move, delete, new folder, and
// the bucket's versioning switch. Each resolves to true when the folder should be listed again.
import { h } from './dom.js';
import { baseName } from './format.js';
import { confirmAction, openDialog, promptText, toast } from './dialogs.js';
import { describe } from './errors.js';
export { preview } from './preview.js';
export { details } from './details.js';
export { share } from './share.js';

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

export async function remove(ctx, bucket, entries) {
  if (!entries.length) return false;
  const ok = await confirmAction({ title: 'Delete', confirmLabel: 'Delete',
    message: `Delete ${describeItems(entries)}? This cannot be undone (in a versioned bucket, earlier versions are kept).` });
  if (!ok) return false;
  const note = toast('Deleting…', 'info', 0);
  try {
    const keys = await expand(ctx, bucket, entries);
    const failed = await ctx.client.deleteObjects(bucket, keys, (n) => { note.firstChild.textContent = `Deleting… ${n} of ${keys.length}`; });
    if (failed.length) toast(`${failed.length} of ${keys.length} objects could not be deleted (${failed[0].code}).`, 'error');
    else toast(`Deleted ${describeItems(entries)}.`, 'success');
  } finally {
    note.remove();
  }
  return true;
}

function targetProblem(value) {
  if (value.startsWith('/')) return 'Paths start inside the bucket: leave out the leading “/”.';
  if (value.includes('//')) return 'A path cannot contain “//”.';
  return null;
}

/**
 * One item: a new name or path (a rename, or a move when the folders differ). Several: a target
 * folder. Each object is copied (CopyObject) and then deleted; folders move with everything in them.
 */
export async function renameOrMove(ctx, bucket, prefix, entries) {
  if (!entries.length) return false;
  const single = entries.length === 1 ? entries[0] : null;
  const answer = await promptText(single
    ? { title: single.type === 'folder' ? 'Rename or move folder' : 'Rename or move', label: 'New path in the bucket', value: single.key.replace(/\/$/, ''),
      confirmLabel: 'Rename', hint: 'Change the name, or the folders before it to move.', validate: targetProblem }
    : { title: `Move ${entries.length} items`, label: 'To folder', value: prefix, confirmLabel: 'Move', hint: 'A path in the bucket; empty means its top level.',
      validate: targetProblem });
  if (answer == null) return false;
  const moves = []; // [source key, target key]
  for (const entry of entries) {
    const target = single ? answer.replace(/\/$/, '') + (entry.type === 'folder' ? '/' : '')
      : (answer ? answer.replace(/\/?$/, '/') : '') + entry.name + (entry.type === 'folder' ? '/' : '');
    if (target === entry.key) continue;
    if (entry.type === 'folder') {
      if (target.startsWith(entry.key)) throw Object.assign(new Error('A folder cannot be moved into itself.'), { code: 'MoveIntoSelf' });
      for (const key of await expand(ctx, bucket, [entry])) moves.push([key, target + key.slice(entry.key.length)]);
    } else {
      if (await exists(ctx, bucket, target) && !(await confirmAction({ title: 'Replace?', confirmLabel: 'Replace',
        message: `“${target}” already exists. Replace it with “${entry.name}”?` }))) return false;
      moves.push([entry.key, target]);
    }
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
    else toast(single ? `Renamed to ${baseName(moves.length === 1 ? moves[0][1] : answer)}.` : `Moved ${entries.length} items.`, 'success');
  } finally {
    note.remove();
  }
  return true;
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
