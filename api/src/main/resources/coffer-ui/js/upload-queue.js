// The upload panel's queue: which uploads run, two files at a time, in the order they were added.
import { Upload } from './upload.js';

/** Runs uploads two files at a time, in the order they were added. */
export class UploadQueue {
  constructor(onChange, onFinished) {
    this.items = [];
    this.onChange = onChange;
    this.onFinished = onFinished;
    this.running = 0;
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

  /** A stored upload from an earlier page; it starts once it has its file. */
  addResumed(client, record, file) {
    const upload = new Upload(client, record.bucket, { key: record.key, file: null }, (u) => this.onChange(u), record);
    this.items.push(upload);
    this.onChange(upload);
    return upload;
  }

  get busy() {
    return this.items.some((u) => u.active);
  }

  pump() {
    while (this.running < 2) {
      const next = this.items.find((u) => u.state === 'queued' && !u.picked);
      if (!next) break;
      next.picked = true;
      this.running++;
      next.start().finally(() => {
        this.running--;
        next.picked = false;
        if (next.state === 'done') this.onFinished(next);
        this.pump();
      });
    }
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
