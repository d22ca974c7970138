// Storage overview: what /_coffer/admin/overview tells the server's root (and users allowed admin:ServerInfo) — objects and bytes (old
// versions and unfinished multipart uploads counted apart), the background jobs and their
// backlog, problems, and in a cluster its members as this node sees them. The figures are the
// server's last count of the catalogue, with its time; "Recount now" asks for a fresh one.
import { clear, h } from './dom.js';
import { formatCount, formatDate, formatSize } from './format.js';
import { refusal } from './console-ui.js';

const PATH = '/_coffer/admin/overview';

function card(id, label, value, detail) {
  return h('div', { class: 'stat', id: 'stat-' + id }, h('span', { class: 'stat-label' }, label),
    h('strong', { class: 'stat-value' }, value), detail ? h('span', { class: 'stat-detail' }, detail) : null);
}

/** "every minute", "every 30 seconds", "every 2 hours": how often the server recounts. */
function every(seconds) {
  const [n, unit] = seconds % 3600 === 0 ? [seconds / 3600, 'hour'] : seconds % 60 === 0 ? [seconds / 60, 'minute'] : [seconds, 'second'];
  return n === 1 ? `every ${unit}` : `every ${formatCount(n)} ${unit}s`;
}

function health(member) {
  if (member.self) return 'this node';
  if (member.lastContactMillis == null) return member.role === 'leader' ? 'leader (seen by this follower)' : 'not tracked from this node';
  return member.lastContactMillis < 5000 ? `answering (${member.lastContactMillis} ms ago)` : `last answered ${Math.round(member.lastContactMillis / 1000)} s ago`;
}

export class OverviewSection {
  constructor(ctx, body) {
    this.ctx = ctx;
    this.body = body;
  }

  async show(recount = false) {
    let o;
    try {
      o = await this.ctx.api.admin('GET', PATH, recount ? { recount: '' } : {});
    } catch (e) {
      clear(this.body).append(refusal(e, 'see the storage overview'),
        h('p', { class: 'muted' }, 'The storage overview is for the server\u2019s root key and for users of its account whose policy allows admin:ServerInfo.'));
      return;
    }
    const again = h('button', { type: 'button', class: 'button', id: 'overview-recount', onclick: async () => {
      again.disabled = true;
      again.textContent = 'Counting…';
      await this.show(true);
    } }, 'Recount now');
    clear(this.body).append(
      h('div', { class: 'subbar' },
        h('p', { class: 'muted', id: 'overview-counted' }, (o.countedAt ? `These figures are the server’s count of everything stored, made at ${formatDate(o.countedAt)}.`
          : 'The server has not counted what is stored yet.') + ` It counts again by itself ${every(o.recountSeconds)}, or now with “Recount now”.`),
        again),
      h('div', { class: 'stats' },
        card('objects', 'Objects', formatCount(o.objects), formatSize(o.bytes) + ' in current versions'),
        card('versions', 'Old versions', formatCount(o.versions), formatSize(o.versionBytes) + ` kept · ${formatCount(o.deleteMarkers)} delete markers`),
        card('uploads', 'Unfinished uploads', formatCount(o.uploads), formatSize(o.uploadBytes) + ' in their parts'),
        card('total', 'All stored bytes', formatSize(o.totalBytes), `${formatCount(o.totalBytes)} bytes`),
        card('gc', 'Waiting for GC', formatCount(o.gcBacklogChunks), 'chunks queued for deletion')),
      h('div', { id: 'overview-problems' }, o.problems.length ? h('div', { class: 'console-refusal', role: 'alert' }, h('strong', {}, 'Problems'), h('ul', {}, o.problems.map((p) => h('li', {}, p)))) : null),
      h('h2', { class: 'console-h2' }, 'Background jobs'),
      h('table', { class: 'table console-table', id: 'jobs-table' },
        h('thead', {}, h('tr', {}, ['Job', 'Backlog', 'Done', 'Failed passes', 'Last run', 'Runs here'].map((t, i) => h('th', { scope: 'col', class: i && i < 4 ? 'num' : null }, t)))),
        h('tbody', {}, o.jobs.map((j) => h('tr', { 'data-job': j.kind },
          h('th', { scope: 'row' }, j.kind),
          h('td', { class: 'num', 'data-label': 'Backlog' }, formatCount(j.backlog)),
          h('td', { class: 'num', 'data-label': 'Done' }, formatCount(j.done)),
          h('td', { class: 'num', 'data-label': 'Failed passes' }, formatCount(j.failedPasses) + (j.consecutiveFailures ? ` (${j.consecutiveFailures} in a row)` : '')),
          h('td', { 'data-label': 'Last run' }, j.lastRun ? `${formatDate(j.lastRun)} · ${j.lastDurationSeconds.toFixed(2)} s` : 'not yet'),
          h('td', { 'data-label': 'Runs here' }, j.runsHere ? 'yes' : 'on the leader'))))),
      h('h2', { class: 'console-h2' }, 'Cluster'),
      o.cluster ? this.cluster(o.cluster) : h('p', { class: 'muted', id: 'cluster-single' }, 'A single node: no cluster is configured.'));
  }

  cluster(c) {
    if (c.error) return h('p', { class: 'console-status error' }, c.error);
    return h('div', {},
      h('p', { class: 'muted' }, `Seen from node ${c.node}; leader: ${c.leader || 'none known'}; applied log index ${formatCount(c.applied)}.`),
      h('table', { class: 'table console-table', id: 'cluster-table' },
        h('thead', {}, h('tr', {}, ['Node', 'Address', 'Role', 'Health'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, c.members.map((m) => h('tr', { 'data-node': m.id },
          h('th', { scope: 'row' }, m.id), h('td', { 'data-label': 'Address', class: 'mono' }, m.address),
          h('td', { 'data-label': 'Role' }, m.role), h('td', { 'data-label': 'Health' }, health(m)))))));
  }
}
