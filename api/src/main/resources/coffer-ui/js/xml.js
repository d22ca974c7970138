// Small helpers over S3's XML replies (namespace-agnostic).
export function parseXml(text) {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length) throw new Error('The server sent a reply that is not valid XML.');
  return doc;
}

export const all = (node, name) => Array.from(node.getElementsByTagNameNS('*', name));

/** Direct children with the given local name. */
export const kids = (node, name) => Array.from(node.children).filter((c) => c.localName === name);

export function text(node, name) {
  const child = Array.from(node.children).find((c) => c.localName === name);
  return child ? child.textContent : null;
}

export function escapeXml(value) {
  return String(value).replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]);
}
