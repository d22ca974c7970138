// Editing a policy document: a JSON text area checked as you type (JSON syntax, Version,
// Statement, Effect, Action, Resource), examples from AWS's documentation to start from, and the
// server's own refusal (MalformedPolicyDocument / MalformedPolicy with the parser's words) shown
// in the dialog, which stays open to fix it.
import { h } from './dom.js';
import { openDialog } from './dialogs.js';
import { explain } from './console-api.js';

const V = '2012-10-17';
const B = 'BUCKET';

/** AWS's example policies (IAM User Guide, S3 User Guide), with BUCKET for the bucket's name. */
export const IDENTITY_EXAMPLES = [
  ['Read-only access to one bucket', { Version: V, Statement: [
    { Sid: 'ListTheBucket', Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetBucketLocation'], Resource: `arn:aws:s3:::${B}` },
    { Sid: 'ReadItsObjects', Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: `arn:aws:s3:::${B}/*` }] }],
  ['Read and write one bucket (and see it in the bucket list)', { Version: V, Statement: [
    { Sid: 'ListAllBuckets', Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' },
    { Sid: 'ListTheBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws:s3:::${B}` },
    { Sid: 'ReadWriteObjects', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: `arn:aws:s3:::${B}/*` }] }],
  ['A home folder per user (${aws:username})', { Version: V, Statement: [
    { Sid: 'ListOwnFolder', Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws:s3:::${B}`,
      Condition: { StringLike: { 's3:prefix': ['home/${aws:username}/', 'home/${aws:username}/*'] } } },
    { Sid: 'UseOwnFolder', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: `arn:aws:s3:::${B}/home/\${aws:username}/*` }] }],
  ['Full access to S3', { Version: V, Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }],
  ['Manage IAM users (an administrator of this account)', { Version: V, Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] }],
  ['Deny deleting objects in one bucket', { Version: V, Statement: [
    { Sid: 'DenyDelete', Effect: 'Deny', Action: ['s3:DeleteObject', 's3:DeleteObjectVersion'], Resource: `arn:aws:s3:::${B}/*` }] }],
];

export const BUCKET_EXAMPLES = [
  ['Public read of one folder', { Version: V, Statement: [
    { Sid: 'PublicReadFolder', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${B}/public/*` }] }],
  ['Deny unless TLS', { Version: V, Statement: [
    { Sid: 'RestrictToTLSRequestsOnly', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${B}`, `arn:aws:s3:::${B}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] }],
  ['Read access for another account', { Version: V, Statement: [
    { Sid: 'CrossAccountRead', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: [`arn:aws:s3:::${B}`, `arn:aws:s3:::${B}/*`] }] }],
];

/** What is wrong with a document before the server sees it, or null. `bucketPolicy`: Principal needed. */
export function policyProblem(text, bucketPolicy = false) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return 'Not valid JSON: ' + e.message;
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return 'The document must be a JSON object.';
  if (doc.Version && doc.Version !== V && doc.Version !== '2008-10-17') return `Version must be "${V}".`;
  const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
  if (!statements.length) return 'The document needs a Statement.';
  for (const [i, s] of statements.entries()) {
    const name = s.Sid ? `Statement "${s.Sid}"` : `Statement ${i + 1}`;
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') return `${name}: Effect must be "Allow" or "Deny".`;
    if (!s.Action && !s.NotAction) return `${name} needs an Action.`;
    if (!s.Resource && !s.NotResource) return `${name} needs a Resource.`;
    if (bucketPolicy && !s.Principal && !s.NotPrincipal) return `${name} needs a Principal (a bucket policy names who it applies to).`;
    if (!bucketPolicy && (s.Principal || s.NotPrincipal)) return `${name}: an identity policy has no Principal.`;
  }
  return null;
}

/** A JSON text area with the examples and live validation; returns {element, textarea, problem()}. */
export function policyField({ value = '', bucket = 'my-bucket', bucketPolicy = false, id = 'policy-document' }) {
  const examples = bucketPolicy ? BUCKET_EXAMPLES : IDENTITY_EXAMPLES;
  const area = h('textarea', { class: 'input code', id, rows: 14, spellcheck: 'false', 'aria-label': 'Policy document (JSON)' });
  area.value = value;
  const note = h('p', { class: 'console-status', id: id + '-check', 'aria-live': 'polite' });
  const check = () => {
    const problem = area.value.trim() ? policyProblem(area.value, bucketPolicy) : 'Write a policy or start from an example.';
    note.className = 'console-status ' + (problem ? 'error' : 'ok');
    note.textContent = problem || 'Valid JSON; the server checks the rest when you save.';
    return problem;
  };
  area.addEventListener('input', check);
  const picker = h('select', { class: 'input', id: id + '-example', 'aria-label': 'Start from an AWS example' },
    h('option', { value: '' }, 'Start from an AWS example…'),
    examples.map(([label], i) => h('option', { value: String(i) }, label)));
  picker.addEventListener('change', () => {
    if (picker.value === '') return;
    const doc = JSON.stringify(examples[Number(picker.value)][1], null, 2).replaceAll(B, bucket);
    area.value = doc;
    picker.value = '';
    check();
  });
  if (value) check();
  return { element: h('div', { class: 'stack' }, picker, area, note), textarea: area, problem: check };
}

/**
 * The editor as a dialog. `save(name, document)` calls the server; a refusal is shown and the
 * dialog stays open. Resolves to true when saved.
 */
export async function editPolicy({ title, name = '', nameLabel = 'Policy name', value = '', bucket, saveLabel = 'Save policy', save }) {
  const nameInput = h('input', { class: 'input', id: 'policy-name', value: name, autocomplete: 'off', spellcheck: 'false', readonly: name ? true : null });
  const field = policyField({ value, bucket });
  const serverSays = h('p', { class: 'console-status error', id: 'policy-server-error', role: 'alert', hidden: true });
  let closeDialog = null;
  let saving = false;
  const attempt = () => {
    if (saving) return false;
    serverSays.hidden = true;
    if (!nameInput.value.trim()) {
      nameInput.setCustomValidity('Enter a name.');
      nameInput.reportValidity();
      return false;
    }
    if (field.problem()) return false;
    saving = true;
    save(nameInput.value.trim(), field.textarea.value)
      .then(() => closeDialog('saved'))
      .catch((e) => {
        serverSays.hidden = false;
        serverSays.textContent = 'The server refused: ' + explain(e);
      })
      .finally(() => { saving = false; });
    return false;
  };
  nameInput.addEventListener('input', () => nameInput.setCustomValidity(''));
  field.textarea.addEventListener('input', () => { serverSays.hidden = true; });
  const body = h('div', { class: 'stack' }, h('label', { class: 'field' }, h('span', {}, nameLabel), nameInput), field.element, serverSays);
  const result = await openDialog({ title, body, wide: true,
    actions: [{ label: 'Cancel', value: 'cancel' }, { label: saveLabel, value: 'save', kind: 'primary', validate: attempt }],
    onOpen: (dialog, close) => {
      closeDialog = close;
      (name ? field.textarea : nameInput).focus();
    } });
  return result === 'saved';
}
