// The forms of a bucket's settings, one per S3 sub-resource: each reads the document GET answers
// (null when none is set), shows it as fields, and writes the document PUT takes — or null, to
// DELETE the sub-resource. S3 checks what it receives; its refusal is shown beside the form.
import { h } from './dom.js';
import { all, escapeXml, kids, parseXml, text } from './xml.js';
import { RowsEditor } from './console-rows.js';
import { policyField } from './console-policy-editor.js';

const NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';
const el = (name, value) => (value == null || value === '' ? '' : `<${name}>${escapeXml(value)}</${name}>`);
const doc = (xml) => (xml ? parseXml(xml).documentElement : null);
const checkbox = (id, label, checked) => h('label', { class: 'check' }, h('input', { type: 'checkbox', id, checked }), h('span', {}, label));
const select = (id, options, value) => h('select', { class: 'input', id }, options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
const field = (label, control, hint) => h('label', { class: 'field' }, h('span', {}, label), control, hint ? h('small', { class: 'hint' }, hint) : null);
const num = (id, value) => h('input', { class: 'input', id, type: 'number', min: '1', value: value == null ? '' : String(value) });

export const FORMS = [
  {
    id: 'versioning', title: 'Versioning', sub: 'versioning', deletable: false,
    help: 'Keeps every version of every object; a delete leaves a delete marker. Once enabled it can be suspended, not turned off.',
    // S3's three states: never enabled (no Status), Enabled, Suspended. The form shows the one the
    // bucket is in and offers the one move S3 allows from there.
    render(xml) {
      const status = (doc(xml) && text(doc(xml), 'Status')) || 'Off';
      const now = {
        Off: 'Off (never enabled): a new upload replaces the old file for good.',
        Enabled: 'Enabled: every change keeps the earlier version.',
        Suspended: 'Suspended: versions kept so far stay; a new upload replaces the current version.',
      }[status] || status;
      const next = status === 'Enabled' ? 'Suspended' : 'Enabled';
      return { element: h('p', { id: 'versioning-now', 'data-status': status }, h('strong', {}, 'Now: '), now),
        saveLabel: next === 'Enabled' ? 'Enable versioning' : 'Suspend versioning',
        body: () => `<VersioningConfiguration ${NS}><Status>${next}</Status></VersioningConfiguration>` };
    },
  },
  {
    id: 'object-lock', title: 'Object Lock defaults', sub: 'object-lock', deletable: false,
    help: 'A default retention applied to every new object version. Object Lock itself can only be turned on when the bucket is created.',
    missing: 'Object Lock is not enabled on this bucket (S3 allows it only at creation).',
    render(xml) {
      const root = doc(xml);
      if (!root) return null;
      const mode = (root && all(root, 'Mode')[0]?.textContent) || '';
      const days = root && all(root, 'Days')[0]?.textContent;
      const years = root && all(root, 'Years')[0]?.textContent;
      const modeSel = select('lock-mode', [['', 'No default retention'], ['GOVERNANCE', 'Governance (users with a permission may shorten it)'], ['COMPLIANCE', 'Compliance (nobody can shorten it)']], mode);
      const unit = select('lock-unit', [['Days', 'days'], ['Years', 'years']], years ? 'Years' : 'Days');
      const amount = num('lock-amount', years || days || '');
      return { element: h('div', { class: 'form-grid' }, field('Default mode', modeSel), field('Retain for', amount), field('Unit', unit)),
        body: () => `<ObjectLockConfiguration ${NS}><ObjectLockEnabled>Enabled</ObjectLockEnabled>`
          + (modeSel.value ? `<Rule><DefaultRetention><Mode>${modeSel.value}</Mode>${el(unit.value, amount.value)}</DefaultRetention></Rule>` : '')
          + '</ObjectLockConfiguration>' };
    },
  },
  {
    id: 'lifecycle', title: 'Lifecycle rules', sub: 'lifecycle', deletable: true,
    help: 'Expire objects after some days, remove old versions, abort uploads left unfinished. The background lifecycle job applies them.',
    render(xml) {
      const rules = doc(xml) ? kids(doc(xml), 'Rule').map((r) => ({
        id: text(r, 'ID') || '',
        prefix: all(r, 'Prefix')[0]?.textContent || '',
        status: text(r, 'Status') || 'Enabled',
        expireDays: all(r, 'Expiration')[0] ? Number(text(all(r, 'Expiration')[0], 'Days')) || null : null,
        noncurrentDays: all(r, 'NoncurrentVersionExpiration')[0] ? Number(text(all(r, 'NoncurrentVersionExpiration')[0], 'NoncurrentDays')) || null : null,
        abortDays: all(r, 'AbortIncompleteMultipartUpload')[0] ? Number(text(all(r, 'AbortIncompleteMultipartUpload')[0], 'DaysAfterInitiation')) || null : null,
      })) : [];
      const editor = new RowsEditor({ id: 'lifecycle-rules', rows: rules, addLabel: 'Add rule', empty: 'No rules: nothing expires.',
        blank: { status: 'Enabled' },
        fields: [
          { name: 'id', label: 'Rule name', placeholder: 'expire-logs' },
          { name: 'prefix', label: 'Only keys starting with', placeholder: '(every key)' },
          { name: 'status', label: 'Status', type: 'select', options: [['Enabled', 'Enabled'], ['Disabled', 'Disabled']] },
          { name: 'expireDays', label: 'Expire current versions after (days)', type: 'number' },
          { name: 'noncurrentDays', label: 'Delete old versions after (days)', type: 'number' },
          { name: 'abortDays', label: 'Abort unfinished uploads after (days)', type: 'number' },
        ] });
      return { element: editor.element, body: () => {
        const rows = editor.values();
        if (!rows.length) return null;
        return `<LifecycleConfiguration ${NS}>` + rows.map((r) => '<Rule>' + el('ID', r.id) + `<Filter>${el('Prefix', r.prefix)}</Filter>`
          + `<Status>${r.status}</Status>`
          + (r.expireDays != null ? `<Expiration><Days>${r.expireDays}</Days></Expiration>` : '')
          + (r.noncurrentDays != null ? `<NoncurrentVersionExpiration><NoncurrentDays>${r.noncurrentDays}</NoncurrentDays></NoncurrentVersionExpiration>` : '')
          + (r.abortDays != null ? `<AbortIncompleteMultipartUpload><DaysAfterInitiation>${r.abortDays}</DaysAfterInitiation></AbortIncompleteMultipartUpload>` : '')
          + '</Rule>').join('') + '</LifecycleConfiguration>';
      } };
    },
  },
  {
    id: 'cors', title: 'CORS', sub: 'cors', deletable: true,
    help: 'Which web pages on other origins may call this bucket from a browser (the drive itself needs no rule).',
    render(xml) {
      const rules = doc(xml) ? kids(doc(xml), 'CORSRule').map((r) => ({
        origins: kids(r, 'AllowedOrigin').map((e) => e.textContent),
        methods: kids(r, 'AllowedMethod').map((e) => e.textContent),
        headers: kids(r, 'AllowedHeader').map((e) => e.textContent),
        expose: kids(r, 'ExposeHeader').map((e) => e.textContent),
        maxAge: text(r, 'MaxAgeSeconds') ? Number(text(r, 'MaxAgeSeconds')) : null,
      })) : [];
      const editor = new RowsEditor({ id: 'cors-rules', rows: rules, addLabel: 'Add rule', empty: 'No rules: browsers on other origins are refused.',
        blank: { methods: ['GET'] },
        fields: [
          { name: 'origins', label: 'Allowed origins (one a line)', type: 'lines', placeholder: 'https://app.example.com' },
          { name: 'methods', label: 'Methods', type: 'checks', options: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'] },
          { name: 'headers', label: 'Allowed request headers', type: 'lines', placeholder: '*' },
          { name: 'expose', label: 'Exposed response headers', type: 'lines', placeholder: 'ETag' },
          { name: 'maxAge', label: 'Preflight cache (seconds)', type: 'number' },
        ] });
      return { element: editor.element, body: () => {
        const rows = editor.values();
        if (!rows.length) return null;
        return `<CORSConfiguration ${NS}>` + rows.map((r) => '<CORSRule>' + r.origins.map((o) => el('AllowedOrigin', o)).join('')
          + r.methods.map((m) => el('AllowedMethod', m)).join('') + r.headers.map((x) => el('AllowedHeader', x)).join('')
          + r.expose.map((x) => el('ExposeHeader', x)).join('') + (r.maxAge != null ? el('MaxAgeSeconds', r.maxAge) : '') + '</CORSRule>').join('')
          + '</CORSConfiguration>';
      } };
    },
  },
  {
    id: 'policy', title: 'Bucket policy', sub: 'policy', deletable: true,
    help: 'Who may do what in this bucket, in IAM\u2019s policy language (a Principal in each statement). Block Public Access below may refuse a public policy.',
    render(json, bucket) {
      const editor = policyField({ value: json ? JSON.stringify(JSON.parse(json), null, 2) : '', bucket, bucketPolicy: true, id: 'bucket-policy' });
      return { element: editor.element, body: () => {
        if (!editor.textarea.value.trim()) return null;
        const problem = editor.problem();
        if (problem) throw new Error(problem);
        return editor.textarea.value;
      } };
    },
  },
  {
    id: 'public-access', title: 'Block Public Access', sub: 'publicAccessBlock', deletable: true,
    help: 'Refuses or neutralises public policies and ACLs on this bucket; the server-wide setting applies too, the stricter wins.',
    render(xml) {
      const root = doc(xml);
      const flag = (name) => (root ? text(root, name) === 'true' : false);
      const boxes = [['BlockPublicAcls', 'Block public ACLs'], ['IgnorePublicAcls', 'Ignore public ACLs'],
        ['BlockPublicPolicy', 'Block public bucket policies'], ['RestrictPublicBuckets', 'Restrict public buckets (a public policy grants nothing)']]
        .map(([name, label]) => [name, checkbox('bpa-' + name, label, flag(name))]);
      return { element: h('div', { class: 'checks column' }, boxes.map(([, b]) => b)),
        body: () => `<PublicAccessBlockConfiguration ${NS}>` + boxes.map(([name, b]) => `<${name}>${b.querySelector('input').checked}</${name}>`).join('')
          + '</PublicAccessBlockConfiguration>' };
    },
  },
  {
    id: 'tags', title: 'Tags', sub: 'tagging', deletable: true,
    help: 'Key–value labels on the bucket (at most 50).',
    render(xml) {
      const tags = doc(xml) ? all(doc(xml), 'Tag').map((t) => ({ key: text(t, 'Key'), value: text(t, 'Value') })) : [];
      const editor = new RowsEditor({ id: 'bucket-tags', rows: tags, addLabel: 'Add tag', empty: 'No tags.',
        fields: [{ name: 'key', label: 'Key' }, { name: 'value', label: 'Value' }] });
      return { element: editor.element, body: () => {
        const rows = editor.values();
        if (!rows.length) return null;
        return `<Tagging ${NS}><TagSet>` + rows.map((r) => `<Tag><Key>${escapeXml(r.key)}</Key><Value>${escapeXml(r.value)}</Value></Tag>`).join('') + '</TagSet></Tagging>';
      } };
    },
  },
  {
    id: 'encryption', title: 'Default encryption', sub: 'encryption', deletable: true,
    help: 'How new objects are encrypted at rest when the upload does not say.',
    render(xml) {
      const root = doc(xml);
      const algorithm = (root && all(root, 'SSEAlgorithm')[0]?.textContent) || '';
      const keyId = (root && all(root, 'KMSMasterKeyID')[0]?.textContent) || '';
      const algo = select('sse-algorithm', [['', 'None'], ['AES256', 'SSE-S3 (keys kept by the server)'], ['aws:kms', 'SSE-KMS (a key of the server\u2019s key ring)']], algorithm);
      const key = h('input', { class: 'input', id: 'sse-kms-key', value: keyId, placeholder: '(the default key)', spellcheck: 'false' });
      return { element: h('div', { class: 'form-grid' }, field('Algorithm', algo), field('KMS key id', key, 'Only for SSE-KMS.')),
        body: () => (algo.value ? `<ServerSideEncryptionConfiguration ${NS}><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>${algo.value}</SSEAlgorithm>`
          + (algo.value === 'aws:kms' ? el('KMSMasterKeyID', key.value.trim()) : '') + '</ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>' : null) };
    },
  },
  {
    id: 'notifications', title: 'Event notifications', sub: 'notification', deletable: false,
    help: 'Send an event to a target the operator declared (Redis or a webhook, named arn:coffer:sqs::<id>:<type>) for each object created or removed.',
    render(xml) {
      const root = doc(xml);
      const configs = root ? Array.from(root.children).filter((c) => /Configuration$/.test(c.localName)).map((c) => ({
        id: text(c, 'Id') || '',
        target: text(c, 'Queue') || text(c, 'Topic') || text(c, 'CloudFunction') || '',
        events: kids(c, 'Event').map((e) => e.textContent),
        prefix: all(c, 'FilterRule').filter((r) => (text(r, 'Name') || '').toLowerCase() === 'prefix').map((r) => text(r, 'Value'))[0] || '',
        suffix: all(c, 'FilterRule').filter((r) => (text(r, 'Name') || '').toLowerCase() === 'suffix').map((r) => text(r, 'Value'))[0] || '',
      })) : [];
      const editor = new RowsEditor({ id: 'notify-rules', rows: configs, addLabel: 'Add target', empty: 'No notifications.',
        blank: { events: ['s3:ObjectCreated:*'] },
        fields: [
          { name: 'id', label: 'Name', placeholder: 'thumbnails' },
          { name: 'target', label: 'Target ARN', placeholder: 'arn:coffer:sqs::red:redis' },
          { name: 'events', label: 'Events', type: 'checks', options: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*', 's3:LifecycleExpiration:*'] },
          { name: 'prefix', label: 'Keys starting with' },
          { name: 'suffix', label: 'Keys ending with' },
        ] });
      return { element: editor.element, body: () => `<NotificationConfiguration ${NS}>` + editor.values().map((r) => '<QueueConfiguration>' + el('Id', r.id)
        + el('Queue', r.target) + r.events.map((e) => el('Event', e)).join('')
        + (r.prefix || r.suffix ? '<Filter><S3Key>' + (r.prefix ? `<FilterRule><Name>prefix</Name>${el('Value', r.prefix)}</FilterRule>` : '')
          + (r.suffix ? `<FilterRule><Name>suffix</Name>${el('Value', r.suffix)}</FilterRule>` : '') + '</S3Key></Filter>' : '')
        + '</QueueConfiguration>').join('') + '</NotificationConfiguration>' };
    },
  },
];
