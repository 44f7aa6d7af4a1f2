import fs from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../shared/i18n/languages.js';
import { addDays, stepDates } from '../../shared/meetings/templates.js';
import { localDay } from '../../shared/records/action-points.js';
import type { RecordView } from '../../shared/records/codec.js';
import { api, expectAccessible, launchBrowser, newPage, screenshot, startHost, tempDataDir, fill, text, type RunningHost } from './support.js';

const m = (lang: Language, key: string, values: Record<string, string | number> = {}) =>
  fill(lang, text(lang, 'meetings', key), values);
const rec = (lang: Language, key: string) => text(lang, 'records', key);
/** Placeholders are wrapped in Unicode isolates on screen (names and dates inside sentences). */
const iso = (s: string) => `\u2068${s}\u2069`;

/** The next Monday on or after a day. */
function monday(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, (8 - weekday) % 7);
}

const TODAY = localDay();
const SUMMARY_DAY = addDays(TODAY, -60);
const EXPERT_DAY = monday(addDays(TODAY, 56));

/**
 * A chair's summary modelled on a Focal Points Network meeting: four headings, fifteen action
 * points, each with an owner and a due date (some already past, so overdue).
 */
const SUMMARY: { heading: string; items: { title: string; owner: string; due: string }[] }[] = [
  {
    heading: 'Participation of women in peace processes',
    items: [
      { title: 'Share good practices on women mediators networks before the next meeting', owner: 'Amina Diallo', due: addDays(TODAY, -30) },
      { title: 'Compile data on women in national delegations to peace talks', owner: 'Ministry of Foreign Affairs', due: addDays(TODAY, -10) },
      { title: 'Propose a session on youth and women peacebuilders', owner: 'Kateryna Bondar', due: addDays(TODAY, 20) },
      { title: 'Circulate the list of regional mediation rosters', owner: 'UN Women', due: addDays(TODAY, 40) },
    ],
  },
  {
    heading: 'National Action Plans: development, financing and monitoring',
    items: [
      { title: 'Publish the costing template for NAP budgets', owner: 'Ministry of Finance', due: addDays(TODAY, -5) },
      { title: 'Organize a peer exchange on NAP monitoring frameworks', owner: 'Lucía Fernández', due: addDays(TODAY, 30) },
      { title: 'Share indicators on women in peacekeeping (target: 15% staff officers)', owner: 'Ministry of Defence', due: addDays(TODAY, 45) },
      { title: 'Collect first-generation NAP evaluations from members', owner: 'Amina Diallo', due: addDays(TODAY, 60) },
    ],
  },
  {
    heading: 'Partnership with civil society',
    items: [
      { title: 'Invite civil society briefers to the open debate preparations', owner: 'Wang Fang', due: addDays(TODAY, -20) },
      { title: 'Agree a standard consultation period for NAP drafts', owner: 'Lucía Fernández', due: addDays(TODAY, 25) },
      { title: 'Map funding available to women-led organizations', owner: 'UN Women', due: addDays(TODAY, 50) },
      // Before the meeting day: allowed, and flagged.
      { title: 'Confirm the civil society speakers list', owner: 'Wang Fang', due: addDays(SUMMARY_DAY, -3) },
    ],
  },
  {
    heading: 'Follow-up and next meeting',
    items: [
      { title: "Circulate the chair's summary to all focal points", owner: 'Kateryna Bondar', due: addDays(TODAY, -45) },
      { title: 'Propose dates for the follow-up meeting in six months', owner: 'Ministry of Foreign Affairs', due: addDays(TODAY, 15) },
      { title: 'Update the network member directory', owner: 'Omar Haddad', due: addDays(TODAY, 35) },
    ],
  },
];

const CONTACTS = [
  { name: 'Amina Diallo', country: 'SN', institution: 'Ministry of Foreign Affairs', role: 'national_focal_point', languages: ['fr', 'en'] },
  { name: 'Kateryna Bondar', country: 'UA', institution: 'Ministry of Foreign Affairs', role: 'national_focal_point', languages: ['ru', 'en'] },
  { name: 'Lucía Fernández', country: 'CO', institution: 'Red Nacional de Mujeres', role: 'civil_society', languages: ['es'] },
  { name: 'Wang Fang', country: 'CN', institution: 'Ministry of Foreign Affairs', role: 'national_focal_point', languages: ['zh', 'en'] },
  { name: 'Omar Haddad', country: 'JO', institution: 'Jordanian National Commission for Women', role: 'national_focal_point', languages: ['ar', 'en'] },
];

const enDay = (day: string) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

describe('meetings, action points and follow-up', () => {
  let browser: Browser;
  let host: RunningHost | undefined;
  let page: Page;
  const dataDir = tempDataDir('meetings');
  let summaryId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    host = await startHost(dataDir, 'en_US.UTF-8');
    page = await newPage(browser);
    await page.goto(host.url);
    await page.getByRole('textbox', { name: text('en', 'settings', 'profile.name') }).fill('Amina Diallo');
    await page.getByRole('button', { name: text('en', 'settings', 'firstRun.submit') }).click();
    await page.getByRole('heading', { level: 1, name: text('en', 'pages', 'dashboard.title') }).waitFor();
  });
  afterAll(async () => {
    await host?.stop();
    await browser?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  // A link's name may go on with its badge ("Action points, 3 overdue or due today").
  const nav = (lang: Language, name: string) =>
    page
      .getByRole('navigation', { name: text(lang, 'common', 'nav.label') })
      .getByRole('link', { name: new RegExp(`^${text(lang, 'common', `nav.${name}`).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })
      .click();
  const heading1 = (name: string) => page.getByRole('heading', { level: 1, name }).waitFor();
  const saved = (lang: Language) => expect.poll(() => page.getByRole('status').filter({ hasText: text(lang, 'common', 'save.saved') }).count()).toBeGreaterThan(0);
  async function pick(combo: Locator, option: string) {
    await combo.click();
    await combo.fill(option);
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  it('keeps a contact directory', async () => {
    await nav('en', 'contacts');
    await heading1(text('en', 'pages', 'contacts.title'));
    await page.getByRole('heading', { level: 2, name: text('en', 'pages', 'contacts.emptyTitle') }).waitFor();
    await expectAccessible(page, 'en contacts, empty');
    // One contact through the editor, the rest through the API.
    await page.getByRole('button', { name: m('en', 'contacts.new') }).click();
    // The name first: a contact is made only once it has one.
    const dialog = page.getByRole('dialog', { name: m('en', 'contacts.new') });
    await dialog.getByRole('button', { name: m('en', 'contacts.create') }).click();
    await dialog.getByText(text('en', 'errors', 'validation.required')).waitFor();
    await expectAccessible(page, 'en new contact dialog');
    await dialog.getByRole('textbox', { name: rec('en', 'fields.name') }).fill(CONTACTS[0]!.name);
    await dialog.getByRole('button', { name: m('en', 'contacts.create') }).click();
    await expect.poll(() => page.getByRole('textbox', { name: rec('en', 'fields.name') }).inputValue()).toBe(CONTACTS[0]!.name);
    await page.getByRole('textbox', { name: rec('en', 'fields.name') }).fill(CONTACTS[0]!.name);
    await pick(page.getByRole('combobox', { name: rec('en', 'fields.country') }), 'Senegal');
    await page.getByRole('textbox', { name: rec('en', 'fields.institution') }).fill(CONTACTS[0]!.institution);
    await page.getByRole('textbox', { name: rec('en', 'fields.email') }).fill('not-an-address');
    await page.getByText(text('en', 'errors', 'validation.email')).waitFor();
    await page.getByRole('textbox', { name: rec('en', 'fields.email') }).fill('amina.diallo@example.org');
    await saved('en');
    await expectAccessible(page, 'en contact editor');
    await screenshot(page, 'en-contact-editor');
    for (const c of CONTACTS.slice(1)) await api(page, 'records.create', { kind: 'contact', fields: { ...c, email: '', phone: '' } });
    await page.getByRole('link', { name: m('en', 'contacts.back') }).click();
    await page.getByText(m('en', 'contacts.count_other', { count: 5 })).waitFor();
    await page.getByRole('searchbox', { name: m('en', 'contacts.search') }).fill('colombia');
    await page.getByText(m('en', 'contacts.count_one', { count: 1 })).waitFor();
    await page.getByRole('link', { name: 'Lucía Fernández' }).waitFor();
    await page.getByRole('searchbox', { name: m('en', 'contacts.search') }).fill('');
    await expectAccessible(page, 'en contacts');
    await screenshot(page, 'en-contacts');
  });

  it("records a Focal Points Network meeting as a chair's summary: four headings, fifteen action points", async () => {
    await nav('en', 'meetings');
    await page.getByRole('heading', { level: 2, name: text('en', 'pages', 'meetings.emptyTitle') }).waitFor();
    await expectAccessible(page, 'en meetings, empty');
    await page.getByRole('button', { name: m('en', 'list.new') }).click();
    const dialog = page.getByRole('dialog', { name: m('en', 'new.title') });
    await dialog.getByRole('textbox', { name: rec('en', 'fields.title') }).fill('Focal Points Network: capital-level meeting');
    await dialog.getByLabel(rec('en', 'fields.date')).fill(SUMMARY_DAY);
    await dialog.getByRole('textbox', { name: rec('en', 'fields.place') }).fill('Vienna');
    await expectAccessible(page, 'en new meeting dialog');
    await screenshot(page, 'en-new-meeting');
    // The Focal Points Network's own procedure is left out here: the chair's summary is the record.
    await dialog.getByRole('checkbox', { name: m('en', 'new.withSteps') }).uncheck();
    await dialog.getByRole('button', { name: m('en', 'new.create') }).click();
    await heading1('Focal Points Network: capital-level meeting');
    summaryId = page.url().split('/meetings/')[1]!;

    // Chairs and participants: a contact, and someone typed in with a country.
    await pick(page.getByRole('combobox', { name: m('en', 'people.addChair') }), 'Kateryna Bondar — Ministry of Foreign Affairs');
    await page.getByRole('button', { name: m('en', 'people.addTyped') }).nth(1).click();
    await page.getByRole('textbox', { name: m('en', 'people.name') }).fill('Sarah Mensah');
    await pick(page.getByRole('combobox', { name: m('en', 'people.country'), exact: true }), 'Ghana');
    // A network meeting is chaired by states: a country as a chair, from the country picker.
    await pick(page.getByRole('combobox', { name: m('en', 'people.addCountryChair') }), 'Namibia');
    // Agenda, reordered by keyboard.
    const agendaInput = page.getByRole('textbox', { name: m('en', 'agenda.add') });
    for (const item of ['Opening and adoption of the agenda', 'Women in peace processes', 'Financing National Action Plans']) {
      await agendaInput.fill(item);
      await agendaInput.press('Enter');
    }
    await page.getByRole('textbox', { name: m('en', 'agenda.item', { number: 3 }) }).press('Alt+ArrowUp');
    await expect.poll(() => page.getByRole('textbox', { name: m('en', 'agenda.item', { number: 2 }) }).inputValue()).toBe('Financing National Action Plans');
    // The drag handle, by keyboard: Space picks up, ↓ moves, Space drops.
    await page.getByRole('button', { name: m('en', 'agenda.drag', { number: 3 }) }).focus();
    await page.keyboard.press('Space');
    await page.getByText(m('en', 'agenda.over', { position: 3, total: 3 })).waitFor({ state: 'attached' });
    await page.keyboard.press('ArrowUp');
    await page.getByText(m('en', 'agenda.over', { position: 2, total: 3 })).waitFor({ state: 'attached' });
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByRole('textbox', { name: m('en', 'agenda.item', { number: 2 }) }).inputValue()).toBe('Women in peace processes');
    // Notes in markdown, with a preview.
    await page.getByTestId('meeting-notes').fill('# Opening\n\nThe chair welcomed **32 focal points**.\n\n- Item one\n- Item two');
    // Saved with the keyboard from inside the notes: the focus stays in them.
    await page.getByTestId('meeting-notes').press('ControlOrMeta+s');
    await saved('en');
    expect(await page.getByTestId('meeting-notes').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByRole('radiogroup', { name: m('en', 'notes.mode', { field: rec('en', 'fields.notes') }) }).getByText(m('en', 'notes.preview')).click();
    await page.getByRole('region', { name: m('en', 'notes.previewOf', { field: rec('en', 'fields.notes') }) }).getByRole('heading', { name: 'Opening' }).waitFor();

    // The action points, as agreed: heading, then quick entry (Enter keeps the cursor in the line).
    for (const [h, group] of SUMMARY.entries()) {
      await page.getByRole('button', { name: m('en', 'points.addHeading') }).click();
      const label = `(${String.fromCharCode(97 + h)})`;
      const title = page.getByRole('textbox', { name: m('en', 'points.headingTitle', { label }) });
      await expect.poll(() => title.evaluate((el) => el === document.activeElement)).toBe(true);
      await title.fill(group.heading);
      const entry = page.getByRole('textbox', { name: m('en', 'points.quickEntry', { label }) });
      for (const [i, item] of group.items.entries()) {
        await entry.fill(item.title);
        await entry.press('Enter');
        const name = `${label}(${['i', 'ii', 'iii', 'iv'][i]})`;
        await expect.poll(() => page.getByRole('textbox', { name: m('en', 'points.itemTitle', { label: name }), exact: true }).inputValue()).toBe(item.title);
        expect(await entry.evaluate((el) => el === document.activeElement)).toBe(true);
      }
    }
    await expect.poll(() => page.getByTestId('action-point').count()).toBe(15);
    // Owners and due dates.
    for (const [h, group] of SUMMARY.entries()) {
      for (const [i, item] of group.items.entries()) {
        const name = `(${String.fromCharCode(97 + h)})(${['i', 'ii', 'iii', 'iv'][i]})`;
        const owner = page.getByRole('combobox', { name: m('en', 'points.ownerOf', { label: name }), exact: true });
        await owner.fill(item.owner);
        await owner.press('Enter');
        const due = page.getByLabel(m('en', 'points.dueOf', { label: name }), { exact: true });
        await due.fill(item.due);
        await due.blur();
      }
    }
    await saved('en');
    const meeting = (await api<{ record: RecordView }>(page, 'records.get', { id: summaryId })).record;
    expect(meeting.fields.chairs).toEqual([{ contactId: expect.any(String) }, { country: 'NA' }]);
    const all = await api<{ records: RecordView[] }>(page, 'records.query', { kind: 'action', where: { meetingId: summaryId }, limit: 100 });
    await expect
      .poll(async () => (await api<{ records: RecordView[] }>(page, 'records.query', { kind: 'action', where: { meetingId: summaryId }, limit: 100 })).records.filter((r) => r.fields.dueDate && r.fields.owner).length)
      .toBe(15);
    expect(all.records.length).toBe(15);
    const stored = (await api<{ records: RecordView[] }>(page, 'records.query', { kind: 'action', where: { meetingId: summaryId }, limit: 100 })).records;
    const amina = stored.filter((r) => (r.fields.owner as { contactId?: string }).contactId);
    expect(amina.length).toBe(9); // 9 owners are contacts, 6 are institutions
    expect(stored.find((r) => (r.fields.title as { en: string }).en.startsWith('Compile data'))!.fields).toMatchObject({ heading: 'a', number: 2, owner: { institution: 'Ministry of Foreign Affairs' } });
    // A point deleted between two others leaves a gap; Renumber, offered only then, closes it after saying what changes.
    const pointTitle = (label: string) => page.getByRole('textbox', { name: m('en', 'points.itemTitle', { label }), exact: true });
    const renumber = page.getByRole('button', { name: m('en', 'points.renumber'), exact: true });
    const entryD = page.getByRole('textbox', { name: m('en', 'points.quickEntry', { label: '(d)' }) });
    for (const [label, title] of [['(d)(iv)', 'Draft point one'], ['(d)(v)', 'Draft point two']]) {
      await entryD.fill(title!);
      await entryD.press('Enter');
      await expect.poll(() => pointTitle(label!).inputValue()).toBe(title);
    }
    expect(await renumber.count()).toBe(0);
    await page.getByRole('button', { name: m('en', 'points.remove', { label: '(d)(iv)' }) }).click();
    await pointTitle('(d)(iv)').waitFor({ state: 'detached' });
    await renumber.click();
    const renumberDialog = page.getByRole('dialog', { name: m('en', 'points.renumberTitle') });
    await renumberDialog.getByText(m('en', 'points.renumberBody_one', { count: 1 })).waitFor();
    await renumberDialog.getByText(m('en', 'points.renumberChange', { from: '(d)(v)', to: '(d)(iv)' })).waitFor();
    await screenshot(page, 'en-meeting-renumber');
    await renumberDialog.getByRole('button', { name: m('en', 'points.renumberConfirm') }).click();
    await expect.poll(() => pointTitle('(d)(iv)').inputValue()).toBe('Draft point two');
    await renumber.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: m('en', 'points.remove', { label: '(d)(iv)' }) }).click();
    await expect.poll(() => page.getByTestId('action-point').count()).toBe(15);
    // Deleted: said at the bottom of the window, with its Undo, until dismissed.
    const removedBar = page.getByRole('status').filter({ hasText: m('en', 'points.removed', { title: '\u2068Draft point two\u2069' }) });
    await removedBar.getByRole('button', { name: text('en', 'common', 'actions.undo') }).waitFor();
    await removedBar.getByRole('button', { name: text('en', 'common', 'actions.dismiss') }).click();
    await removedBar.getByRole('button').first().waitFor({ state: 'detached' });
    // The point due before the meeting is kept and flagged.
    await page.getByText(m('en', 'flags.dueBeforeMeeting', { date: iso(enDay(SUMMARY_DAY)) })).waitFor();
    await expectAccessible(page, "en meeting editor (chair's summary)");
    await screenshot(page, 'en-meeting-editor');
  });

  it('refuses an end before the start at the field and loses nothing of a note over the limit', async () => {
    const end = page.getByLabel(m('en', 'when.endDate'));
    await end.fill(addDays(SUMMARY_DAY, -1));
    await page.getByText(text('en', 'errors', 'validation.endBeforeStart')).waitFor();
    // A two-day meeting: ends the day after it starts.
    await end.fill(addDays(SUMMARY_DAY, 1));
    await expect.poll(() => page.getByText(text('en', 'errors', 'validation.endBeforeStart')).count()).toBe(0);
    await saved('en');

    await page.getByRole('radiogroup', { name: m('en', 'notes.mode', { field: rec('en', 'fields.notes') }) }).getByText(m('en', 'notes.write')).click();
    const notes = page.getByTestId('meeting-notes');
    const huge = 'Lorem ipsum dolor sit amet. '.repeat(40_000); // 1.12 million characters (≈ 5 MB of UTF-16 in memory)
    await notes.fill(huge);
    await page.getByText(m('en', 'notes.tooLong_other', { count: huge.length, max: 1_000_000 })).waitFor();
    await page.getByRole('status').filter({ hasText: text('en', 'common', 'save.invalid') }).waitFor();
    expect((await notes.inputValue()).length).toBe(huge.length);
    // Leaving asks first: nothing typed is dropped silently.
    await nav('en', 'actions');
    const guard = page.getByRole('dialog', { name: text('en', 'common', 'unsaved.title') });
    await guard.waitFor();
    // Focus starts on the safe answer.
    await page.keyboard.press('Enter');
    await guard.waitFor({ state: 'hidden' });
    await notes.fill('# Opening\n\nThe chair welcomed **32 focal points**.');
    await expect
      .poll(async () => (await api<{ record: RecordView }>(page, 'records.get', { id: summaryId })).record.fields.notes)
      .toEqual({ en: '# Opening\n\nThe chair welcomed **32 focal points**.' });
    await saved('en');
  });

  it('creates an Informal Expert Group meeting from its template, with the procedure dates, and moves them with the meeting', async () => {
    await nav('en', 'meetings');
    await page.getByRole('button', { name: m('en', 'list.new') }).click();
    const dialog = page.getByRole('dialog', { name: m('en', 'new.title') });
    await dialog.getByRole('textbox', { name: rec('en', 'fields.title') }).fill('Informal Expert Group on Women and Peace and Security: Sahel');
    await dialog.getByRole('combobox', { name: rec('en', 'fields.type') }).click();
    await page.getByRole('option', { name: rec('en', 'values.meeting_type.informal_expert_group') }).click();
    await dialog.getByLabel(rec('en', 'fields.date')).fill(EXPERT_DAY);
    await expect.poll(() => dialog.getByRole('checkbox', { name: m('en', 'new.withSteps') }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: m('en', 'new.create') }).click();
    await heading1('Informal Expert Group on Women and Peace and Security: Sahel');

    const steps = page.getByTestId('procedure-steps');
    await expect.poll(() => steps.locator('tbody tr').count()).toBe(4);
    const expected = (day: string) =>
      Object.fromEntries((['request_letter', 'background_material', 'meeting_summary', 'follow_up_meeting'] as const).map((s) => [s, stepDates(s, day).due]));
    const shown = async () => Object.fromEntries(await steps.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-step'), r.getAttribute('data-due')])));
    await expect.poll(shown).toEqual(expected(EXPERT_DAY));
    // The rules, spelled out: letter 14 days before, material 2 working days before (a Monday → Thursday),
    // summary 5 working days after (next Monday), follow-up about six months later.
    const e = expected(EXPERT_DAY);
    expect(e.request_letter).toBe(addDays(EXPERT_DAY, -14));
    expect(e.background_material).toBe(addDays(EXPERT_DAY, -4));
    expect(e.meeting_summary).toBe(addDays(EXPERT_DAY, 7));
    await steps.getByText(enDay(e.background_material!)).waitFor();
    await expectAccessible(page, 'en expert-group meeting with its procedure');
    await screenshot(page, 'en-expert-group');

    // A week later: the end moves too, then the dates of the steps are offered to move.
    const moved = addDays(EXPERT_DAY, 7);
    await page.getByLabel(m('en', 'when.startDate')).fill(moved);
    await page.getByText(text('en', 'errors', 'validation.endBeforeStart')).waitFor();
    await page.getByLabel(m('en', 'when.endDate')).fill(moved);
    const reschedule = page.getByRole('dialog', { name: m('en', 'reschedule.title') });
    await reschedule.waitFor();
    await reschedule.getByText(m('en', 'reschedule.change', { step: rec('en', 'values.template_step.request_letter'), from: iso(enDay(e.request_letter!)), to: iso(enDay(addDays(moved, -14))) })).waitFor();
    await expectAccessible(page, 'en reschedule dialog');
    await screenshot(page, 'en-reschedule');
    await reschedule.getByRole('button', { name: m('en', 'reschedule.move') }).click();
    await reschedule.waitFor({ state: 'hidden' });
    await expect.poll(shown).toEqual(expected(moved));
  });

  it('filters, sorts and changes action points in bulk, and shows them on a board', async () => {
    await nav('en', 'actions');
    await heading1(text('en', 'pages', 'actions.title'));
    await page.getByText(m('en', 'filters.count_other', { count: 19, total: 19 })).waitFor();
    await pick(page.getByRole('combobox', { name: rec('en', 'fields.meetingId') }), 'Focal Points Network: capital-level meeting');
    await page.getByText(m('en', 'filters.count_other', { count: 15, total: 19 })).waitFor();
    // Overdue, by due date: the five past-due points of the summary, earliest first.
    await page.getByRole('switch', { name: m('en', 'filters.overdueOnly') }).check();
    await page.getByText(m('en', 'filters.count_other', { count: 6, total: 19 })).waitFor();
    const firstTitle = () => page.getByTestId('action-row').first().locator('td').nth(2).innerText();
    await expect.poll(firstTitle).toBe('Confirm the civil society speakers list');
    await page.getByRole('button', { name: rec('en', 'fields.dueDate'), exact: true }).click();
    await expect.poll(firstTitle).toBe('Publish the costing template for NAP budgets');
    // Mark three of them done at once.
    for (const title of ["Circulate the chair's summary to all focal points", 'Compile data on women in national delegations to peace talks', 'Publish the costing template for NAP budgets']) {
      await page.getByRole('checkbox', { name: m('en', 'table.select', { title }) }).check();
    }
    await page.getByText(m('en', 'bulk.selected_other', { count: 3 })).waitFor();
    await page.getByRole('combobox', { name: m('en', 'bulk.setStatus') }).click();
    await page.getByRole('option', { name: rec('en', 'values.action_point_status.done') }).click();
    await page.getByRole('button', { name: m('en', 'bulk.apply') }).click();
    await page.getByText(m('en', 'bulk.done_other', { count: 3, status: rec('en', 'values.action_point_status.done') })).waitFor();
    await page.getByText(m('en', 'filters.count_other', { count: 3, total: 19 })).waitFor();
    await expectAccessible(page, 'en action points table');
    await screenshot(page, 'en-actions-table');
    await page.getByRole('button', { name: m('en', 'filters.clear') }).click();
    await page.getByText(m('en', 'filters.count_other', { count: 19, total: 19 })).waitFor();

    // The board: a card moves to another status from the keyboard.
    await page.getByRole('radiogroup', { name: m('en', 'view.label') }).getByText(m('en', 'view.board')).click();
    const board = page.getByTestId('action-board');
    const done = board.getByRole('region', { name: rec('en', 'values.action_point_status.done') });
    await expect.poll(() => done.getByTestId('board-card').count()).toBe(3);
    const move = board.getByRole('button', { name: m('en', 'board.moveOf', { title: 'Update the network member directory' }) });
    await move.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: rec('en', 'values.action_point_status.in_progress') }).focus();
    await page.keyboard.press('Enter');
    const inProgress = board.getByRole('region', { name: rec('en', 'values.action_point_status.in_progress') });
    await inProgress.getByText('Update the network member directory').waitFor();
    await expectAccessible(page, 'en action points board');
    await screenshot(page, 'en-actions-board');

    // One point in full, in the side panel.
    await inProgress.getByRole('button', { name: /^\(d\)\(iii\) Update the network member directory/ }).click();
    const drawer = page.getByRole('dialog', { name: m('en', 'drawer.title') });
    await drawer.getByRole('combobox', { name: rec('en', 'fields.priority') }).click();
    await page.getByRole('option', { name: rec('en', 'values.priority.high') }).click();
    await expectAccessible(page, 'en action point drawer');
    await screenshot(page, 'en-action-drawer');
    await drawer.getByRole('button', { name: m('en', 'drawer.save') }).click();
    await drawer.waitFor({ state: 'hidden' });

    // The dashboard shows the three still overdue (the three done are gone from it).
    await nav('en', 'dashboard');
    const overdue = page.locator('section', { has: page.getByRole('heading', { name: text('en', 'pages', 'dashboard.overdue_other').replace('{{count, number}}', '3') }) });
    await expect.poll(() => overdue.getByRole('link').count()).toBe(3);
    expect(await overdue.getByRole('link').allTextContents()).not.toContain('Publish the costing template for NAP budgets');
    await expectAccessible(page, 'en dashboard after the meeting');
  });

  it('says so when an owner contact was deleted', async () => {
    const omar = (await api<{ records: RecordView[] }>(page, 'records.query', { kind: 'contact', text: 'Haddad', limit: 5 })).records[0]!;
    await api(page, 'records.delete', { id: omar.id });
    await page.goto(`${new URL(page.url()).origin}/#/meetings/${summaryId}`);
    await page.getByText(m('en', 'flags.ownerDeleted', { name: iso('Omar Haddad') })).first().waitFor();
    await api(page, 'records.restore', { id: omar.id });
  });

  it('works in Arabic, right to left', async () => {
    await api(page, 'settings.set', { language: 'ar' });
    await expect.poll(() => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    await nav('ar', 'meetings');
    await heading1(text('ar', 'pages', 'meetings.title'));
    await page.getByRole('radiogroup', { name: m('ar', 'list.when') }).getByText(m('ar', 'list.past')).click();
    await page.getByRole('link', { name: 'Focal Points Network: capital-level meeting' }).waitFor();
    // The date as Arabic writes it, in the meeting's time zone (never the stored ISO text).
    const when = new Intl.DateTimeFormat('ar', { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });
    await page.getByText(when.format(new Date(`${SUMMARY_DAY}T10:00:00Z`)), { exact: false }).waitFor();
    await expectAccessible(page, 'ar meetings');
    await screenshot(page, 'ar-meetings');
    await page.getByRole('button', { name: m('ar', 'list.new') }).click();
    await page.getByRole('dialog', { name: m('ar', 'new.title') }).waitFor();
    await expectAccessible(page, 'ar new meeting dialog');
    await screenshot(page, 'ar-new-meeting');
    await page.getByRole('button', { name: m('ar', 'new.cancel') }).first().click();

    await page.getByRole('link', { name: 'Focal Points Network: capital-level meeting' }).click();
    await heading1('Focal Points Network: capital-level meeting');
    // Headings as Arabic UN documents letter them.
    await page.getByRole('textbox', { name: m('ar', 'points.headingTitle', { label: '(د)' }) }).waitFor();
    await expectAccessible(page, 'ar meeting editor');
    await screenshot(page, 'ar-meeting-editor');

    await nav('ar', 'actions');
    await heading1(text('ar', 'pages', 'actions.title'));
    await page.getByTestId('action-row').first().waitFor();
    await expectAccessible(page, 'ar action points table');
    await screenshot(page, 'ar-actions-table');
    await page.getByRole('radiogroup', { name: m('ar', 'view.label') }).getByText(m('ar', 'view.board')).click();
    await page.getByTestId('board-card').first().waitFor();
    await expectAccessible(page, 'ar action points board');
    await screenshot(page, 'ar-actions-board');

    await nav('ar', 'contacts');
    await heading1(text('ar', 'pages', 'contacts.title'));
    await page.getByRole('link', { name: 'Omar Haddad' }).click();
    await heading1('Omar Haddad');
    await expectAccessible(page, 'ar contact editor');
    await screenshot(page, 'ar-contact-editor');
    await nav('ar', 'contacts');
    await page.getByRole('link', { name: 'Wang Fang' }).waitFor();
    await expectAccessible(page, 'ar contacts');
    await screenshot(page, 'ar-contacts');
  });

  it('numbers the items as Chinese UN documents do', async () => {
    await api(page, 'settings.set', { language: 'zh' });
    await expect.poll(() => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['zh', 'ltr']);
    await page.goto(`${new URL(page.url()).origin}/#/meetings/${summaryId}`);
    await heading1('Focal Points Network: capital-level meeting');
    await page.getByRole('textbox', { name: m('zh', 'points.itemTitle', { label: '(b)㈣' }), exact: true }).waitFor();
    expect(await page.getByRole('textbox', { name: m('zh', 'when.startDate') }).inputValue()).toBe(SUMMARY_DAY.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日'));
    await expectAccessible(page, 'zh meeting editor');
    await screenshot(page, 'zh-meeting-editor');
    await nav('zh', 'actions');
    await page.getByTestId('action-row').first().waitFor();
    await expectAccessible(page, 'zh action points table');
    await screenshot(page, 'zh-actions-table');
  });
});
