// Files and whole folders from a drop: directory entries are walked recursively, and each file
// keeps its path relative to the drop ("photos/2025/a.jpg"). An empty folder becomes its folder
// marker, a zero-byte "name/" object (what "New folder" and the S3 consoles make), so that the
// folder shows up as it was dropped; a folder with files needs none. A file dropped by itself also
// brings its File System Access handle where the browser gives one, so that an interrupted
// upload of it can go on after a reload without asking for the file again. Everything under a
// dropped folder names that folder ("photos/"), so that the upload panel shows it as one line.
function readAll(reader) {
  return new Promise((resolve, reject) => {
    const out = [];
    const next = () => reader.readEntries((batch) => {
      if (!batch.length) resolve(out);
      else {
        out.push(...batch);
        next();
      }
    }, reject);
    next();
  });
}

async function walk(entry, path, out, top) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    out.push({ path: path + file.name, file, folder: top });
  } else if (entry.isDirectory) {
    const children = await readAll(entry.createReader());
    const folder = path + entry.name + '/';
    if (!children.length) out.push({ path: folder, file: new File([], entry.name), folder: top || folder });
    for (const child of children) await walk(child, folder, out, top || folder);
  }
}

function handleOf(item) {
  try {
    return item.getAsFileSystemHandle ? item.getAsFileSystemHandle().catch(() => null) : null;
  } catch {
    return null;
  }
}

/**
 * Resolves to [{path, file, handle?, folder?}] for everything dropped; a path ending in '/' is an
 * empty folder's marker; `folder` is the dropped folder ("photos/") a path is under, if any.
 */
export async function collectDropped(dataTransfer) {
  const out = [];
  const items = Array.from(dataTransfer.items || []).filter((i) => i.kind === 'file');
  // Entries and files must be taken synchronously, before the first await.
  const taken = items.map((item) => ({ entry: item.webkitGetAsEntry ? item.webkitGetAsEntry() : null, file: item.getAsFile(),
    handle: handleOf(item) }));
  if (!taken.length) for (const file of dataTransfer.files || []) taken.push({ entry: null, file });
  for (const { entry, file, handle } of taken) {
    if (entry && entry.isDirectory) await walk(entry, '', out);
    else if (file) {
      const fileHandle = await handle;
      out.push({ path: file.name, file, handle: fileHandle && fileHandle.kind === 'file' ? fileHandle : null });
    }
  }
  return out;
}
