// The upload panel's queue: which uploads run, in the order they were added: several small files
// at a time (each is a preflight and a PUT, so a folder of many small files is bound by round
// trips, not bytes), fewer large ones (each holds its parts in memory).
import { Upload } from './upload.js';

/**
 * Files in flight at once, at most: Chromium opens 6 connections to one host over HTTP/1.1 and
 * queues the rest (the server's coffer.connection.max-per-address, 512 by default, is far above).
 */
const MAX_FILES = 6;
/**
 * And only while the bytes they hold (Upload.memory) stay within 64 MiB, what two multipart files
 * held when the queue ran two files at a time (4 parts of 8 MiB each): so 6 small files, 4 of
 * 16 MiB, or 2 large ones. A file above it goes alone.
 */
const MEMORY_BUDGET = 64 * 1024 * 1024;

/** Runs uploads in the order they were added, as many at a time as MAX_FILES and MEMORY_BUDGET allow. */
export class UploadQueue {
  constructor(onChange, onFinished) {
    this.items = [];
    this.onChange = onChange;
    this.onFinished = onFinished;
    this.running = new Set();
  }

  add(client, bucket, entries) {
    for (const entry of entries) {
      const upload = new Upload(client, bucket, entry, (u) => this.onChange(u));
      this.items.push(upload);
      if (upload.group) upload.group.items.push(upload);
    }
    for (const upload of this.items.slice(-entries.length)) this.onChange(upload); // shown at once, "Waiting" until its turn
    this.pump();
  }

  /** A stored upload from an earlier page, under its folder's `group` if any; it starts once it has its file. */
  addResumed(client, record, group = null) {
    const upload = new Upload(client, record.bucket, { key: record.key, file: null, group }, (u) => this.onChange(u), record);
    this.items.push(upload);
    if (group) group.items.push(upload);
    this.onChange(upload);
    return upload;
  }

  get busy() {
    return this.items.some((u) => u.active);
  }

  pump() {
    for (;;) {
      const next = this.items.find((u) => u.state === 'queued' && !u.picked);
      if (!next || !this.fits(next)) break;
      next.picked = true;
      this.running.add(next);
      next.start().finally(() => {
        this.running.delete(next);
        next.picked = false;
        if (next.state === 'done') this.onFinished(next);
        this.pump();
      });
    }
  }

  /** Whether `next` may start beside those running (the first always may, however large). */
  fits(next) {
    if (!this.running.size) return true;
    let held = next.memory;
    for (const u of this.running) held += u.memory;
    return this.running.size < MAX_FILES && held <= MEMORY_BUDGET;
  }

  retry(upload) {
    upload.state = 'queued';
    this.onChange(upload);
    this.pump();
  }

  /** Drops the settled uploads; a folder's files go together, once every one of them is done or cancelled. */
  clearFinished() {
    const finished = (u) => u.state === 'done' || u.state === 'cancelled';
    this.items = this.items.filter((u) => !(u.group ? u.group.items.every(finished) : finished(u)));
  }
}
