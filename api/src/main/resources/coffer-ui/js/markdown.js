// A small, safe Markdown renderer for previews: headings, paragraphs, lists, quotes, code
// blocks, tables (GitHub's pipe tables, with column alignment), inline code, emphasis and links.
// It builds DOM nodes; the source is never parsed as HTML.
import { h } from './dom.js';

function inline(text) {
  const out = [];
  const pattern = /(`[^`]+`)|(\*\*[^*]+\*\*)|(\*[^*]+\*|_[^_]+_)|(\[([^\]]+)\]\(([^)\s]+)\))/g;
  let last = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    out.push(text.slice(last, m.index));
    if (m[1]) out.push(h('code', {}, m[1].slice(1, -1)));
    else if (m[2]) out.push(h('strong', {}, m[2].slice(2, -2)));
    else if (m[3]) out.push(h('em', {}, m[3].slice(1, -1)));
    else if (/^https?:\/\//i.test(m[6])) out.push(h('a', { href: m[6], rel: 'noopener noreferrer', target: '_blank' }, m[5]));
    else out.push(m[5]);
    last = pattern.lastIndex;
  }
  out.push(text.slice(last));
  return out;
}

const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

/** The cells of a table line: outer pipes dropped, "\\|" kept as a pipe inside a cell. */
function cells(line) {
  const out = [];
  let cell = '';
  const body = line.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && body[i + 1] === '|') { cell += '|'; i++; } else if (body[i] === '|') { out.push(cell.trim()); cell = ''; } else cell += body[i];
  }
  out.push(cell.trim());
  return out;
}

const isTableStart = (lines, i) => lines[i].includes('|') && i + 1 < lines.length && lines[i + 1].includes('-') && DELIMITER_ROW.test(lines[i + 1])
  && cells(lines[i]).length === cells(lines[i + 1]).length;

function table(lines, i) {
  const head = cells(lines[i]);
  const align = cells(lines[i + 1]).map((c) => (c.startsWith(':') && c.endsWith(':') ? 'center' : c.endsWith(':') ? 'right' : c.startsWith(':') ? 'left' : null));
  const cell = (tag, text, col) => h(tag, align[col] ? { class: 'align-' + align[col] } : {}, inline(text));
  const body = h('tbody', {});
  let j = i + 2;
  for (; j < lines.length && lines[j].trim() !== '' && lines[j].includes('|'); j++) {
    const row = cells(lines[j]);
    body.append(h('tr', {}, head.map((_, c) => cell('td', row[c] || '', c))));
  }
  return { node: h('div', { class: 'table-scroll' }, h('table', {}, h('thead', {}, h('tr', {}, head.map((t, c) => cell('th', t, c)))), body)), next: j };
}

export function renderMarkdown(source) {
  const root = document.createDocumentFragment();
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (/^```/.test(line)) {
      const code = [];
      for (i++; i < lines.length && !/^```/.test(lines[i]); i++) code.push(lines[i]);
      root.append(h('pre', {}, h('code', {}, code.join('\n'))));
      i++;
    } else if (isTableStart(lines, i)) {
      const { node, next } = table(lines, i);
      root.append(node);
      i = next;
    } else if (/^#{1,6}\s/.test(line)) {
      const level = line.match(/^#+/)[0].length;
      root.append(h('h' + Math.min(level + 1, 6), {}, inline(line.slice(level).trim())));
      i++;
    } else if (/^\s*([-*+]|\d+\.)\s/.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const list = h(ordered ? 'ol' : 'ul', {});
      for (; i < lines.length && /^\s*([-*+]|\d+\.)\s/.test(lines[i]); i++) list.append(h('li', {}, inline(lines[i].replace(/^\s*([-*+]|\d+\.)\s/, ''))));
      root.append(list);
    } else if (/^>\s?/.test(line)) {
      const quote = [];
      for (; i < lines.length && /^>\s?/.test(lines[i]); i++) quote.push(lines[i].replace(/^>\s?/, ''));
      root.append(h('blockquote', {}, inline(quote.join(' '))));
    } else if (/^(-{3,}|\*{3,})\s*$/.test(line)) {
      root.append(h('hr'));
      i++;
    } else if (line.trim() === '') {
      i++;
    } else {
      const para = [];
      for (; i < lines.length && lines[i].trim() !== '' && !/^(#{1,6}\s|```|>|\s*([-*+]|\d+\.)\s)/.test(lines[i]) && !isTableStart(lines, i); i++) para.push(lines[i]);
      root.append(h('p', {}, inline(para.join(' '))));
    }
  }
  return root;
}
