// The drive's extra pages of a bucket, each on its own hash route beside the folders:
// #/~deleted/<bucket>/<folder…> (recently deleted) and #/~uploads/<bucket> (unfinished uploads).
// "~" cannot start a bucket name, so these never shadow a bucket.
import { h } from './dom.js';
import { icons } from './icons.js';
import { DeletedView, deletedHref } from './deleted-view.js';
import { UploadsView } from './uploads-view.js';

/** The page for a parsed hash ({first segment, rest}), or null when it is not one of these. */
export function bucketPage(ctx, first, rest) {
  if (first !== '~deleted' && first !== '~uploads') return null;
  const slash = rest.indexOf('/');
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  const prefix = slash < 0 ? '' : rest.slice(slash + 1);
  if (!bucket) return null;
  return first === '~deleted'
    ? { bucket, prefix, label: 'Recently deleted', view: new DeletedView(ctx, bucket, prefix) }
    : { bucket, prefix: '', label: 'Unfinished uploads', view: new UploadsView(ctx, bucket) };
}

/** The links to these pages for a folder's toolbar. */
/** The links to these pages for a folder's toolbar, labelled short so that the toolbar keeps to one line. */
export function bucketLinks(ctx, bucket, prefix) {
  const link = (id, href, icon, label, title) => h('a', { class: 'button', id, href, title, 'aria-label': title },
    h('span', { class: 'button-icon', html: icon }), h('span', { class: 'label' }, label));
  return [link('recently-deleted', deletedHref(ctx, bucket, prefix), icons.trash, 'Deleted', 'Recently deleted'),
    link('unfinished-uploads', '#/~uploads' + ctx.hrefFor(bucket, '').slice(1), icons.upload, 'Unfinished', 'Unfinished uploads')];
}
