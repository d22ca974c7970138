// What the foot of a folder's list says: how many rows are in, whether more are loading, why
// there are none (an empty folder, a filter, a search without matches, a failed listing).
import { formatCount } from './format.js';

/**
 * `n` rows shown; `search` the query, if any, and `searched` how many objects it has looked at;
 * `filtered` the name filter, if any.
 */
export function statusText({ n, search, loading, failed, done, searched, filtered }) {
  if (search) {
    const seen = searched != null ? formatCount(searched) : '';
    if (loading) return n ? `${formatCount(n)} match${n === 1 ? '' : 'es'} · searching…` : 'Searching…';
    if (failed) return 'The bucket could not be searched.';
    if (!n) return `No matches for “${search}”` + (done ? ' in this bucket.' : ` in the first ${seen} objects.`);
    return `${formatCount(n)} match${n === 1 ? '' : 'es'} for “${search}”` + (done ? '' : ` in the first ${seen} objects`);
  }
  if (loading && !n) return 'Loading…';
  if (!n) return failed ? 'This folder could not be listed.' : filtered ? `No names here start with “${filtered}”.` : 'Nothing here yet. Drop files here or use Upload.';
  return `${formatCount(n)} item${n === 1 ? '' : 's'}` + (done ? '' : loading ? ' · loading more…' : ' · scroll for more');
}
