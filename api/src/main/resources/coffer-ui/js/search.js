// Search of a whole bucket by name: S3 has no search, so the bucket is listed (ListObjectsV2
// without a delimiter, 1,000 keys a page) and names are matched here, case-insensitively, by
// substring. One call returns a page of results: it stops at PAGE matches or after SCAN_PAGES
// listings, with the continuation token for "More results". A folder matches by its name too
// (from the keys under it, so folders without a marker object are found).
const PAGE = 100;
const SCAN_PAGES = 20;

export class BucketSearch {
  constructor(client, bucket) {
    Object.assign(this, { client, bucket, query: '', scanned: 0 });
    this.folders = new Set();
  }

  /** Resolves to { folders, files, next } like a listing page, with only the matches. */
  async page(token, signal) {
    if (!token) {
      this.scanned = 0;
      this.folders.clear();
    }
    const needle = this.query.toLowerCase();
    const folders = [];
    const files = [];
    let next = token;
    for (let pages = 0; pages < SCAN_PAGES && folders.length + files.length < PAGE; pages++) {
      const page = await this.client.listObjects({ bucket: this.bucket, prefix: '', delimiter: '', token: next, signal });
      this.scanned += page.files.length;
      for (const f of page.files) {
        const parts = f.key.split('/');
        let acc = '';
        for (const part of parts.slice(0, -1)) {
          acc += part + '/';
          if (!this.folders.has(acc) && part.toLowerCase().includes(needle)) {
            this.folders.add(acc);
            folders.push(acc);
          }
        }
        const name = parts[parts.length - 1];
        if (name && name.toLowerCase().includes(needle)) files.push(f);
      }
      next = page.next;
      if (!next) break;
    }
    return { folders, files, next };
  }
}
