// What a multipart upload needs to go on after a reload, a closed tab or a crash, kept in
// IndexedDB: the upload id, the part plan, the parts done (ETag and SHA-256), the file's identity
// (name, size, lastModified, SHA-256 of its first part) and, where the browser gives one, a File
// System Access handle on the file. A record goes when its upload completes or is aborted.
const DB = 'coffer-drive';
const STORE = 'uploads';

let opening = null;
function db() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const request = indexedDB.open(DB, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  return opening;
}

async function run(mode, fn) {
  const store = (await db()).transaction(STORE, mode).objectStore(STORE);
  return new Promise((resolve, reject) => {
    const request = fn(store);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export const recordId = (origin, bucket, key, uploadId) => JSON.stringify([origin, bucket, key, uploadId]);

/** Saves (or replaces) a record; a handle that cannot be stored is dropped, not fatal. */
export async function put(record) {
  try {
    await run('readwrite', (s) => s.put(record));
  } catch (e) {
    if (!record.handle) throw e;
    await run('readwrite', (s) => s.put({ ...record, handle: null }));
  }
}

export const remove = (id) => run('readwrite', (s) => s.delete(id)).catch(() => {});

/** The records of this endpoint and access key. */
export async function list(origin, accessKey) {
  const all = await run('readonly', (s) => s.getAll()).catch(() => []);
  return all.filter((r) => r.origin === origin && r.accessKey === accessKey);
}

/** The file behind a stored handle when reading it is (or, with a click, becomes) allowed; else null. */
export async function fileFromHandle(handle, ask) {
  if (!handle || !handle.getFile) return null;
  try {
    let state = await handle.queryPermission({ mode: 'read' });
    if (state === 'prompt' && ask) state = await handle.requestPermission({ mode: 'read' });
    return state === 'granted' ? await handle.getFile() : null;
  } catch {
    return null;
  }
}
