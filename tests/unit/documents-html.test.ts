import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { toHtml } from '../../main/core/documents/html.js';
import type { DocModel } from '../../shared/documents/model.js';

/** The HTML writer: an inert, standalone page whose structure says what the model says. */

const model = (over: Partial<DocModel> = {}): DocModel => ({
  type: 'nap',
  lang: 'en',
  dir: 'ltr',
  fileName: 'plan',
  title: [{ text: 'Plan <script>alert("x")</script> & "more"' }],
  subtitle: [[{ text: 'Examplia · 2026–2030' }]],
  footer: 'Draft — "12" March </style><script>alert(1)</script>',
  sections: [
    {
      orientation: 'portrait',
      blocks: [
        { type: 'heading', level: 1, runs: [{ text: 'Introduction' }] },
        {
          type: 'paragraph',
          runs: [
            { text: 'Prepared by ' },
            { text: 'وزارة الخارجية', lang: 'ar' },
            { text: ' with ' },
            { text: 'bold', bold: true },
            { text: ' and ' },
            { text: 'none', muted: true, italic: true },
            { text: '\nsecond line' },
          ],
        },
        { type: 'fields', rows: [{ label: 'Country <b>', value: [{ text: 'Examplia' }] }] },
        {
          type: 'list',
          style: 'labelled',
          items: [
            { label: '(a)', runs: [{ text: 'Participation' }], notes: [[{ text: 'Owner: MFA', muted: true }]] },
            { label: '(b)', runs: [{ text: 'Protection' }], children: { style: 'labelled', items: [{ label: '(i)', runs: [{ text: 'Law' }] }] } },
            { label: '(c)', runs: [{ text: 'Prevention' }] },
          ],
        },
        { type: 'list', style: 'bullet', items: [{ runs: [{ text: 'one' }] }] },
      ],
    },
    {
      orientation: 'landscape',
      blocks: [
        {
          type: 'table',
          caption: 'Matrix <1>',
          columns: [
            { label: 'Action', width: 3 },
            { label: 'Budget', width: 1 },
          ],
          rows: [[{ runs: [{ text: 'Train "mediators"' }] }, { runs: [{ text: '1,000' }], numeric: true, number: 1000 }]],
        },
      ],
    },
  ],
  ...over,
});

const parse = (html: string) => new new Window().DOMParser().parseFromString(html, 'text/html');

describe('toHtml', () => {
  it('writes one standalone page: doctype, lang and dir, a title, one style, no script and nothing to load', () => {
    const html = toHtml(model());
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    const doc = parse(html);
    expect(doc.documentElement.lang).toBe('en');
    expect(doc.documentElement.dir).toBe('ltr');
    expect(doc.title).toBe('Plan <script>alert("x")</script> & "more"');
    expect(doc.querySelectorAll('style')).toHaveLength(1);
    expect(doc.querySelectorAll('script, link, img, iframe, object, embed')).toHaveLength(0);
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toContain("default-src 'none'");
    expect(html).not.toMatch(/(?:src|href)\s*=|url\(|@import/i);
  });

  it('escapes everything that comes from the model, so a title with <script> and quotes is inert text', () => {
    const html = toHtml(model());
    expect(html).not.toContain('<script>');
    expect(html).toContain('Plan &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;more&quot;');
    const doc = parse(html);
    expect(doc.querySelector('h1.title')!.textContent).toBe('Plan <script>alert("x")</script> & "more"');
    expect(doc.querySelector('dt')!.textContent).toBe('Country <b>');
    expect(doc.querySelector('caption')!.textContent).toBe('Matrix <1>');
    expect(doc.querySelector('td')!.textContent).toBe('Train "mediators"');
    // The footer goes into the CSS as a string that cannot close the string, the rule or the element.
    const css = doc.querySelector('style')!.textContent!;
    expect(css).not.toMatch(/<\/style|<script/i);
    expect(css).toContain('"Draft — \\22 12\\22  March \\3c /style\\3e \\3c script\\3e alert(1)\\3c /script\\3e "');
  });

  it('marks a run in another language with its lang and direction, and keeps styles and line breaks', () => {
    const doc = parse(toHtml(model()));
    const p = doc.querySelector('section p:not(.subtitle)')!;
    const arabic = p.querySelector('span[lang="ar"]')!;
    expect(arabic.getAttribute('dir')).toBe('rtl');
    expect(arabic.textContent).toBe('وزارة الخارجية');
    expect(p.querySelector('strong')!.textContent).toBe('bold');
    expect(p.querySelector('span.muted > em')!.textContent).toBe('none');
    expect(p.querySelectorAll('br')).toHaveLength(1);
    // Runs in the document's own language carry no lang of their own.
    expect(doc.querySelectorAll('span[lang]')).toHaveLength(1);

    const arabicDoc = parse(toHtml(model({ lang: 'ar', dir: 'rtl', title: [{ text: 'خطة' }, { text: ' Jane Smith (UK)', lang: 'en' }] })));
    expect(arabicDoc.documentElement.dir).toBe('rtl');
    const english = arabicDoc.querySelector('h1.title span[lang="en"]')!;
    expect(english.getAttribute('dir')).toBe('ltr');
  });

  it("writes headings below the title's h1, fields as a description list, and labelled lists with their labels in order", () => {
    const doc = parse(toHtml(model()));
    expect(doc.querySelectorAll('h1')).toHaveLength(1);
    expect(doc.querySelector('h2')!.textContent).toBe('Introduction');
    expect(doc.querySelector('dl.fields dd')!.textContent).toBe('Examplia');
    const labels = [...doc.querySelectorAll('ol.labelled > li > .label')].map((l) => l.textContent);
    expect(labels).toEqual(['(a)', '(b)', '(i)', '(c)']);
    const top = [...doc.querySelectorAll('main > section > ol.labelled > li')];
    expect(top.map((li) => li.querySelector(':scope > .label')!.textContent)).toEqual(['(a)', '(b)', '(c)']);
    expect(top[0]!.querySelector('p.note')!.textContent).toBe('Owner: MFA');
    expect(top[1]!.querySelector('ol.labelled li .item')!.textContent).toBe('Law');
    expect(doc.querySelector('ul > li')!.textContent).toBe('one');
  });

  it('writes tables with a caption, a header row in thead, and numeric cells marked for end alignment', () => {
    const doc = parse(toHtml(model()));
    const table = doc.querySelector('table')!;
    expect(table.querySelector(':scope > caption')!.textContent).toBe('Matrix <1>');
    expect([...table.querySelectorAll(':scope > thead > tr > th[scope="col"]')].map((th) => th.textContent)).toEqual(['Action', 'Budget']);
    expect(table.querySelectorAll(':scope > tbody > tr')).toHaveLength(1);
    expect(table.querySelector('td.num')!.textContent).toBe('1,000');
    expect([...table.querySelectorAll('col')].map((c) => c.getAttribute('style'))).toEqual(['inline-size:75.00%', 'inline-size:25.00%']);
  });

  it('starts each section on its own page, landscape ones on the named landscape page, with page numbers and the footer', () => {
    const html = toHtml(model());
    const doc = parse(html);
    const sections = [...doc.querySelectorAll('body > main > section')];
    expect(sections.map((s) => s.className)).toEqual(['portrait', 'landscape']);
    // The title shares the first section's page.
    expect(sections[0]!.querySelector('h1.title')).not.toBeNull();
    const css = doc.querySelector('style')!.textContent!;
    expect(css).toMatch(/@page\s*\{[^}]*size:\s*A4;\s*margin:\s*2cm;/);
    expect(css).toMatch(/@page landscape\s*\{\s*size:\s*A4 landscape;/);
    expect(css).toMatch(/section\.landscape\s*\{\s*page:\s*landscape;/);
    expect(css).toMatch(/section \+ section\s*\{\s*break-before:\s*page;/);
    expect(css).toMatch(/@bottom-center\s*\{\s*content:\s*counter\(page\)/);
    expect(css).toMatch(/@bottom-left\s*\{\s*content:\s*"Draft/);
    // Arabic: the footer at the right, where its lines start.
    expect(toHtml(model({ lang: 'ar', dir: 'rtl' }))).toMatch(/@bottom-right\s*\{\s*content:/);
    // Logical properties only: no physical left/right in the rules (margin boxes aside).
    expect(css.replace(/@bottom-(left|right)/g, '')).not.toMatch(/\b(left|right)\b/);
  });

  it('writes a model without footer, subtitle or sections', () => {
    const doc = parse(toHtml(model({ footer: undefined, subtitle: undefined, sections: [] })));
    expect(doc.querySelector('h1.title')).not.toBeNull();
    expect(doc.querySelector('footer')).toBeNull();
    expect(doc.querySelector('style')!.textContent).not.toContain('@bottom-left');
  });
});
