import { plain, type Block, type Cell, type DocModel, type List, type Run, type Runs, type Section } from '../../../shared/documents/model.js';
import { textDirection } from '../../../shared/i18n/languages.js';

/*
 * The page is shown inside the app (an iframe's srcdoc) and printed to PDF by Chromium, so every
 * character that comes from the model is escaped, the page carries its own CSP that forbids any
 * load, and it holds no script. Layout uses logical properties only: an Arabic document is the
 * same page with dir="rtl".
 */

// Characters the HTML parser would read as markup, and controls that are not allowed in HTML text.
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function escapeHtml(text: string): string {
  return text.replace(CONTROLS, '\uFFFD').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** A CSS string literal that cannot end the string, the rule or the <style> element. */
function cssString(text: string): string {
  const escaped = text.replace(CONTROLS, '\uFFFD').replace(/[\\"'<>&\n\r\u2028\u2029]/g, (c) => `\\${c.codePointAt(0)!.toString(16)} `);
  return `"${escaped}"`;
}

/** Writes runs in the document's language `lang` (the language of what contains them). */
function runsHtml(runs: Runs, lang: string): string {
  return runs.map((run) => runHtml(run, lang)).join('');
}

function runHtml(run: Run, lang: string): string {
  // A line break the author typed stays a line break.
  let html = escapeHtml(run.text).replace(/\r\n?|\n/g, '<br>');
  if (run.code) html = `<code>${html}</code>`;
  if (run.italic) html = `<em>${html}</em>`;
  if (run.bold) html = `<strong>${html}</strong>`;
  const attributes: string[] = [];
  if (run.lang && run.lang !== lang) {
    // An English name in an Arabic sentence is isolated in its own direction, so its words and
    // brackets keep their order; an Arabic quotation in an English text reads right to left.
    attributes.push(`lang="${escapeHtml(run.lang)}"`, `dir="${textDirection(run.lang)}"`);
  }
  if (run.muted) attributes.push('class="muted"');
  return attributes.length ? `<span ${attributes.join(' ')}>${html}</span>` : html;
}

function listHtml(list: List, lang: string): string {
  const tag = list.style === 'bullet' ? 'ul' : 'ol';
  const items = list.items.map((item) => {
    const notes = (item.notes ?? []).map((note) => `<p class="note">${runsHtml(note, lang)}</p>`).join('');
    const children = item.children ? listHtml(item.children, lang) : '';
    const body = `<p>${runsHtml(item.runs, lang)}</p>${notes}${children}`;
    if (list.style !== 'labelled') return `<li>${body}</li>`;
    // The label is the document's own text ("(a)", "(أ)"), in a column at the inline start.
    return `<li><span class="label">${escapeHtml(item.label ?? '')}</span><div class="item">${body}</div></li>`;
  });
  return `<${tag}${list.style === 'labelled' ? ' class="labelled"' : ''}>${items.join('')}</${tag}>`;
}

function cellHtml(cell: Cell, lang: string): string {
  return `<td${cell.numeric ? ' class="num"' : ''}>${runsHtml(cell.runs, lang)}</td>`;
}

function tableHtml(block: Extract<Block, { type: 'table' }>, lang: string): string {
  const total = block.columns.reduce((sum, c) => sum + Math.max(0, c.width), 0) || 1;
  const cols = block.columns.map((c) => `<col style="inline-size:${((Math.max(0, c.width) / total) * 100).toFixed(2)}%">`).join('');
  const head = block.columns.map((c) => `<th scope="col">${escapeHtml(c.label)}</th>`).join('');
  const rows = block.rows.map((row) => `<tr>${row.map((cell) => cellHtml(cell, lang)).join('')}</tr>`).join('\n');
  const caption = block.caption ? `<caption>${escapeHtml(block.caption)}</caption>` : '';
  return `<table>${caption}<colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

function blockHtml(block: Block, lang: string): string {
  switch (block.type) {
    case 'heading': {
      // The document's title is the page's h1, so the model's levels 1–3 are h2–h4.
      const tag = `h${block.level + 1}`;
      return `<${tag}>${runsHtml(block.runs, lang)}</${tag}>`;
    }
    case 'paragraph':
      if (block.style === 'quote') return `<blockquote><p>${runsHtml(block.runs, lang)}</p></blockquote>`;
      return `<p${block.style === 'small' ? ' class="small"' : ''}>${runsHtml(block.runs, lang)}</p>`;
    case 'fields': {
      const rows = block.rows.map((row) => `<div><dt>${escapeHtml(row.label)}</dt><dd>${runsHtml(row.value, lang)}</dd></div>`);
      return `<dl class="fields">${rows.join('')}</dl>`;
    }
    case 'list':
      return listHtml(block, lang);
    case 'table':
      return tableHtml(block, lang);
  }
}

function sectionHtml(section: Section, lang: string, head: string): string {
  const blocks = section.blocks.map((block) => blockHtml(block, lang)).join('\n');
  return `<section class="${section.orientation}">\n${head}${blocks}\n</section>`;
}

const FONTS = {
  latin: '"Noto Sans", "Noto Naskh Arabic", "Noto Sans Arabic", "Noto Sans CJK SC", "Liberation Sans", Arial, sans-serif',
  ar: '"Noto Naskh Arabic", "Noto Sans Arabic", "Noto Sans", "Arabic Typesetting", "Traditional Arabic", Arial, sans-serif',
  zh: '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "Noto Sans", sans-serif',
};

function styles(model: DocModel): string {
  // Margin boxes are physical; the footer text goes at the side where the document's lines start.
  const footerSide = model.dir === 'rtl' ? 'right' : 'left';
  const footer = model.footer
    ? `@bottom-${footerSide} { content: ${cssString(model.footer)}; font-size: 8.5pt; color: #444; direction: ${model.dir}; }`
    : '';
  return `
@page { size: A4; margin: 2cm; ${footer} @bottom-center { content: counter(page); font-size: 9pt; color: #444; } }
@page landscape { size: A4 landscape; }
:root { color-scheme: light; }
html { font-family: ${FONTS.latin}; font-size: 11pt; line-height: 1.4; color: #111; background: #fff; -webkit-text-size-adjust: none; text-size-adjust: none; }
:lang(ar) { font-family: ${FONTS.ar}; }
/* Naskh reads small beside Latin at the same size: Arabic is set a little larger, Latin in it not. */
html:lang(ar) { font-size: 12pt; }
html:lang(ar) span[lang]:not(:lang(ar)) { font-size: 0.92em; }
html:not(:lang(ar)) span[lang]:lang(ar) { font-size: 1.1em; }
:lang(zh) { font-family: ${FONTS.zh}; }
body { margin: 0; }
section + section { break-before: page; }
section.landscape { page: landscape; }
h1, h2, h3, h4 { line-height: 1.25; break-after: avoid; break-inside: avoid; color: #1a1a1a; }
h1.title { font-size: 20pt; font-weight: 700; margin-block: 0 0.3em; }
p.subtitle { font-size: 12pt; color: #333; margin-block: 0; }
header.doc-head { margin-block-end: 1.6em; padding-block-end: 0.8em; border-block-end: 1.5pt solid #1f3864; }
h2 { font-size: 15pt; margin-block: 1.2em 0.5em; color: #1f3864; }
h3 { font-size: 12.5pt; margin-block: 1em 0.4em; color: #1f3864; }
h4 { font-size: 11pt; margin-block: 0.9em 0.3em; }
p { margin-block: 0 0.6em; orphans: 2; widows: 2; }
p.small { font-size: 9pt; }
blockquote { margin-block: 0 0.6em; margin-inline: 1.5em 0; padding-inline-start: 0.8em; border-inline-start: 2pt solid #bbb; font-style: italic; }
.muted { color: #555; }
code { font-family: "Noto Sans Mono", "DejaVu Sans Mono", Consolas, monospace; font-size: 0.92em; }
dl.fields { margin-block: 0 1em; margin-inline: 0; }
dl.fields > div { display: grid; grid-template-columns: minmax(8em, 30%) 1fr; column-gap: 1em; padding-block: 0.15em; break-inside: avoid; }
dl.fields dt { font-weight: 700; }
dl.fields dd { margin: 0; }
ul, ol { margin-block: 0 0.6em; padding-inline-start: 1.6em; }
li p { margin-block: 0 0.2em; }
li ul, li ol { margin-block: 0.2em 0; }
li p.note { font-size: 9.5pt; color: #444; margin-block: 0 0.2em; }
ol.labelled { list-style: none; padding-inline-start: 0; }
ol.labelled > li { display: grid; grid-template-columns: 2.6em 1fr; column-gap: 0.4em; margin-block-end: 0.3em; break-inside: avoid; }
ol.labelled > li > .label { text-align: start; unicode-bidi: isolate; }
table { inline-size: 100%; border-collapse: collapse; margin-block: 0 1.2em; font-size: 10pt; table-layout: fixed; }
caption { caption-side: top; text-align: start; font-weight: 700; padding-block-end: 0.4em; break-after: avoid; }
th, td { border: 0.75pt solid #777; padding-block: 0.25em; padding-inline: 0.4em; vertical-align: top; text-align: start; overflow-wrap: anywhere; }
thead th { background: #d9e2f3; font-weight: 700; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
/* Figures sit at the LTR end in both directions, as the model asks (the .docx does the same). */
td.num { text-align: end; font-variant-numeric: tabular-nums; }
:dir(rtl) td.num { text-align: start; }
footer.doc-footer { font-size: 9pt; color: #444; }
@media print {
  footer.doc-footer { display: none; }
}
@media screen {
  html { background: #e9ecef; }
  body { padding-block: 1rem; padding-inline: 0.5rem; }
  section { box-sizing: border-box; inline-size: min(21cm, 100%); min-block-size: 12cm; margin-block: 0 1rem; margin-inline: auto; padding-block: 1.6cm; padding-inline: clamp(1rem, 6vw, 2cm); background: #fff; box-shadow: 0 1px 4px rgb(0 0 0 / 25%); }
  section.landscape { inline-size: min(29.7cm, 100%); }
  footer.doc-footer { inline-size: min(21cm, 100%); margin-inline: auto; text-align: center; }
}
`.trim();
}

/** A document as one standalone HTML page: the print view and, printed by Chromium, the PDF. */
export function toHtml(model: DocModel): string {
  const lang = model.lang;
  const subtitle = (model.subtitle ?? []).map((line) => `<p class="subtitle">${runsHtml(line, lang)}</p>`).join('');
  const head = `<header class="doc-head"><h1 class="title">${runsHtml(model.title, lang)}</h1>${subtitle}</header>\n`;
  // The title opens the first section, so it shares that section's first page and orientation.
  const sections = (model.sections.length ? model.sections : [{ orientation: 'portrait', blocks: [] } satisfies Section]).map((section, i) =>
    sectionHtml(section, lang, i === 0 ? head : ''),
  );
  const footer = model.footer ? `<footer class="doc-footer">${escapeHtml(model.footer)}</footer>\n` : '';
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}" dir="${model.dir === 'rtl' ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(plain(model.title))}</title>
<style>
${styles(model)}
</style>
</head>
<body>
<main>
${sections.join('\n')}
</main>
${footer}</body>
</html>
`;
}
