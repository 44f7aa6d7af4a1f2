import type { Nodes, PhrasingContent, RootContent, Table as MdTable } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { Language } from '../i18n/languages.js';
import type { Block, Cell, List, ListItem, Run, Runs } from './model.js';
import { paragraphsOf } from './format.js';

/**
 * Meeting notes and decisions, written in markdown (the editor's preview uses the same GFM
 * parser through react-markdown), as document blocks: headings, paragraphs, lists, emphasis,
 * tables; links and images as their text (a document handed to a ministry carries no live links,
 * and the address is kept in brackets when it differs from the text); raw HTML as the text typed.
 */

interface Style {
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
}

/** A block nested deeper than this is flattened: a hostile note cannot blow the writers' stacks. */
const MAX_DEPTH = 12;

/**
 * Past this length, or with containers nested deeper than a person writes (quotes in lists in
 * quotes…), a text is laid out as plain paragraphs: the markdown parser's time grows faster than
 * the text there (seconds for a 1,000,000-character note, more for thousands of nested quotes),
 * and a document must come out whatever the notes hold.
 */
export const MARKDOWN_MAX_LENGTH = 200_000;
const DEEP_NESTING = /^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]*){8,}|^[ \t]{32,}\S/m;
/**
 * The parser's time also grows with the square of the emphasis, link and table delimiters it has
 * to pair: 10,000 asterisks in a row, or 3,000 links, took it half a minute, and 200,000 would
 * hang the app. Past this many, the text is laid out as plain paragraphs (every word kept).
 */
export const MARKDOWN_MAX_DELIMITERS = 4_000;
const DELIMITER = /[*_~[\]|`<]/g;
const tooManyDelimiters = (source: string) => {
  let n = 0;
  DELIMITER.lastIndex = 0;
  while (DELIMITER.exec(source)) if (++n > MARKDOWN_MAX_DELIMITERS) return true;
  return false;
};

/** A text as plain paragraphs (blank lines between them), in its language. */
export function plainBlocks(source: string, lang: Language): Block[] {
  return paragraphsOf(source).map((p) => ({ type: 'paragraph' as const, runs: [{ text: p, lang }] }));
}

/** Every text inside a node, without recursion (a hostile note may nest without end). */
function flatText(root: Nodes): string {
  const parts: string[] = [];
  const stack: Nodes[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if ('value' in node && typeof node.value === 'string') parts.push(node.value);
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  return parts.join(' ');
}

export function markdownBlocks(source: string, lang: Language, options: { topLevel: 1 | 2 | 3 } = { topLevel: 2 }): Block[] {
  if (source.length > MARKDOWN_MAX_LENGTH || DEEP_NESTING.test(source) || tooManyDelimiters(source)) return plainBlocks(source, lang);
  const tree = fromMarkdown(source, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  // The note's own top heading level becomes the document's `topLevel`, however it starts (# or ##).
  const shallowest = Math.min(6, ...tree.children.filter((n) => n.type === 'heading').map((n) => (n as Extract<RootContent, { type: 'heading' }>).depth));
  const out: Block[] = [];
  const run = (text: string, style: Style): Run => ({ text, lang, ...(style.bold ? { bold: true } : {}), ...(style.italic ? { italic: true } : {}), ...(style.code ? { code: true } : {}) });

  const inline = (nodes: readonly (PhrasingContent | Nodes)[], style: Style, runs: Runs, depth = 0): Runs => {
    for (const node of nodes) {
      if (depth >= MAX_DEPTH) {
        runs.push(run(flatText(node as Nodes), style));
        continue;
      }
      switch (node.type) {
        case 'text':
          runs.push(run(node.value, style));
          break;
        case 'strong':
          inline(node.children, { ...style, bold: true }, runs, depth + 1);
          break;
        case 'emphasis':
          inline(node.children, { ...style, italic: true }, runs, depth + 1);
          break;
        case 'delete':
          inline(node.children, style, runs, depth + 1);
          break;
        case 'inlineCode':
          runs.push(run(node.value, { ...style, code: true }));
          break;
        case 'break':
          runs.push(run('\n', style));
          break;
        case 'link': {
          const before = runs.length;
          inline(node.children, style, runs, depth + 1);
          const shown = runs.slice(before).map((r) => r.text).join('');
          if (node.url && node.url !== shown && `mailto:${shown}` !== node.url) runs.push(run(` (${node.url})`, style));
          break;
        }
        case 'image':
          if (node.alt) runs.push(run(node.alt, style));
          break;
        case 'html':
          runs.push(run(node.value, style));
          break;
        case 'linkReference':
        case 'footnoteReference':
        case 'imageReference':
          if ('children' in node) inline(node.children, style, runs, depth + 1);
          break;
        default:
          if ('value' in node && typeof node.value === 'string') runs.push(run(node.value, style));
          else if ('children' in node) {
            if (depth < MAX_DEPTH) inline(node.children as PhrasingContent[], style, runs, depth + 1);
            else runs.push(run(flatText(node), style));
          }
      }
    }
    return runs;
  };

  const plainOf = (nodes: readonly Nodes[]): Runs => inline(nodes, {}, []);

  const list = (node: Extract<RootContent, { type: 'list' }>, depth: number): List => ({
    style: node.ordered ? 'number' : 'bullet',
    items: node.children.map((item): ListItem => {
      const runs: Runs = [];
      const notes: Runs[] = [];
      let children: List | undefined;
      if (item.checked === true || item.checked === false) runs.push(run(item.checked ? '☑ ' : '☐ ', {}));
      for (const child of item.children) {
        if (child.type === 'list' && depth < MAX_DEPTH && !children) children = list(child, depth + 1);
        else if (runs.length === 0 || (runs.length === 1 && item.checked != null)) runs.push(...blockRuns(child, depth + 1));
        else notes.push(blockRuns(child, depth + 1));
      }
      return { runs, ...(notes.length ? { notes } : {}), ...(children ? { children } : {}) };
    }),
  });

  /** A block's text as one paragraph's runs (inside a list item or a table cell). */
  const blockRuns = (node: RootContent, depth: number): Runs => {
    if (depth >= MAX_DEPTH) return [run(flatText(node), {})];
    if (node.type === 'paragraph' || node.type === 'heading') return inline(node.children, {}, []);
    if (node.type === 'code') return [run(node.value, { code: true })];
    if (node.type === 'list') return flattenList(node, depth);
    if ('children' in node) return (node.children as RootContent[]).flatMap((c, i) => (i > 0 ? [run('\n', {}), ...blockRuns(c, depth + 1)] : blockRuns(c, depth + 1)));
    if ('value' in node && typeof node.value === 'string') return [run(node.value, {})];
    return [];
  };

  const flattenList = (node: Extract<RootContent, { type: 'list' }>, depth: number): Runs =>
    node.children.flatMap((item, i) => [run(i > 0 ? '\n• ' : '• ', {}), ...item.children.flatMap((c) => blockRuns(c, depth + 1))]);

  const table = (node: MdTable): Block => {
    const [head, ...body] = node.children;
    const width = Math.max(1, ...node.children.map((row) => row.children.length));
    const cells = (row: MdTable['children'][number] | undefined): Cell[] =>
      Array.from({ length: width }, (_, i) => ({ runs: row?.children[i] ? plainOf(row.children[i].children) : [] }));
    return {
      type: 'table',
      columns: cells(head).map((cell) => ({ label: cell.runs.map((r) => r.text).join(''), width: 1 })),
      rows: body.map(cells),
    };
  };

  const blocks = (nodes: readonly RootContent[], depth: number, quote: boolean): void => {
    for (const node of nodes) {
      switch (node.type) {
        case 'heading': {
          const level = Math.min(3, options.topLevel + Math.max(0, node.depth - shallowest)) as 1 | 2 | 3;
          out.push({ type: 'heading', level, runs: inline(node.children, {}, []) });
          break;
        }
        case 'paragraph':
          out.push({ type: 'paragraph', runs: inline(node.children, {}, []), ...(quote ? { style: 'quote' as const } : {}) });
          break;
        case 'list':
          out.push({ type: 'list', ...list(node, depth) });
          break;
        case 'table':
          out.push(table(node));
          break;
        case 'code':
          out.push({ type: 'paragraph', runs: [run(node.value, { code: true })] });
          break;
        case 'blockquote':
          if (depth < MAX_DEPTH) blocks(node.children, depth + 1, true);
          else out.push({ type: 'paragraph', runs: blockRuns(node, depth), style: 'quote' });
          break;
        case 'html':
          out.push({ type: 'paragraph', runs: [run(node.value, {})] });
          break;
        case 'thematicBreak':
        case 'definition':
          break;
        default: {
          const runs = blockRuns(node, depth);
          if (runs.length) out.push({ type: 'paragraph', runs });
        }
      }
    }
  };

  blocks(tree.children, 0, false);
  // Paragraphs made only of spaces say nothing: leave them out.
  return out.filter((b) => b.type !== 'paragraph' || b.runs.some((r) => r.text.trim() !== ''));
}
