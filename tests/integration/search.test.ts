/**
 * Search through the API, as the app and the command line use it: every kind's texts in every
 * language version, kept up to date through every way records change (edit, delete, restore, an
 * imported bundle and its undo, a backup put back), parents, list filters, paging and titles.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import type { SearchHit } from '../../shared/search/api.js';
import type { Kind } from '../../shared/records/kinds.js';
import { openCore, type Core } from '../../main/core/index.js';
import { ok } from './support.js';

const dirs: string[] = [];
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close().catch(() => undefined);
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function open(name = 'Amina'): Promise<Core> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-search-'));
  dirs.push(dataDir);
  const core = await openCore({ dataDir, host: 'browser', systemLocales: ['en'], log: () => undefined });
  cores.push(core);
  await ok(core, 'profile.set', { name, organisation: 'Ministry', country: 'SN', role: 'national_focal_point' });
  return core;
}

const create = (core: Core, kind: Kind, fields: Record<string, unknown>, parentId?: string) => ok(core, 'records.create', { kind, fields, ...(parentId ? { parentId } : {}) });
const search = (core: Core, text: string, extra: Record<string, unknown> = {}) => ok(core, 'search', { text, ...extra });
/** The ids a search finds (all of them). */
const ids = async (core: Core, text: string, extra: Record<string, unknown> = {}) => (await search(core, text, { limit: 500, ...extra })).hits.map((h) => h.id).sort();
const hitOf = async (core: Core, text: string, id: string): Promise<SearchHit | undefined> => (await search(core, text, { limit: 500 })).hits.find((h) => h.id === id);

describe('search finds every kind by its texts, in every language', () => {
  it('finds each kind by each of its searched fields, every language version, and a country by its name in another language', async () => {
    const core = await open();
    const nap = await create(core, 'nap', {
      title: { en: 'Alphaplan', fr: 'Plan bravo', es: 'Plan charlie', ru: 'План дельта', ar: 'خطة إيكو', zh: '国家行动计划' },
      summary: { en: 'Foxtrot summary' },
      country: 'FR',
      leadAgency: 'Golfministry',
      coordinatingBody: 'Hotelcouncil',
      status: 'drafting',
    });
    const consultation = await create(core, 'nap.consultation', { summary: { fr: 'Consultation indiaville' }, outcome: { es: 'Resultado julietta' }, participants: 'Kilo association' }, nap.id);
    const objective = await create(core, 'nap.objective', { pillar: 'participation', title: { en: 'Limaobjective' }, description: { ru: 'Описание майкл' } }, nap.id);
    const action = await create(core, 'nap.action', { description: { en: 'Novemberaction' }, notes: { ar: 'ملاحظة أوسكار' }, leadAgency: 'Papaagency', partnerAgencies: ['Quebecpartner'] }, objective.id);
    const indicator = await create(
      core,
      'nap.indicator',
      { name: { zh: '女警察比例' }, meansOfVerification: { en: 'Romeoreport' }, unit: 'sierrapercent', measurements: [{ date: '2026-01-01', value: 3, source: 'Tangosurvey' }] },
      action.id,
    );
    const snapshot = await ok(core, 'naps.snapshot', { napId: nap.id, name: 'Uniformdraft' });
    const meeting = await create(core, 'meeting', {
      title: { en: 'Victormeeting' },
      start: '2026-03-10T09:00:00+01:00',
      agenda: [{ id: uuidv7(), order: '1', text: 'Whiskeyitem' }],
      notes: { fr: 'Notes xrayville' },
      decisions: { en: 'Yankeedecision' },
      guidingQuestions: { es: 'Pregunta zuluana' },
      actionHeadings: [{ letter: 'a', title: 'Amberheading' }],
      place: 'Bamako',
      chairs: [{ name: 'Chairperson Coral' }],
      participants: [{ name: 'Delegate Denim', organisation: 'Emeraldorg', country: 'SN' }],
    });
    const point = await create(core, 'action', { title: { en: 'Fuchsiapoint' }, details: { en: 'Garnetdetails' }, completionNote: { en: 'Hazelnote' }, owner: { institution: 'Indigoinstitute' }, meetingId: meeting.id });
    const contact = await create(core, 'contact', { name: 'Jade Okafor', institution: 'Khakiinstitute', country: 'NG', email: 'lavender@example.org' });
    const input = await create(core, 'input', { type: 'written_statement', title: { en: 'Magentastatement' }, body: { en: 'Navybody' }, author: 'Olive Author', addressee: 'Peachaddressee', delegation: 'Quartzdelegation' });

    const expected: [string, string][] = [
      ['alphaplan', nap.id], ['bravo', nap.id], ['charlie', nap.id], ['дельта', nap.id], ['ايكو', nap.id], ['行动', nap.id], ['foxtrot', nap.id], ['golfministry', nap.id], ['hotelcouncil', nap.id],
      // A country is found by its name in the six languages, whatever the interface's.
      ['France', nap.id], ['Франция', nap.id], ['法国', nap.id], ['فرنسا', nap.id], ['Francia', nap.id],
      ['indiaville', consultation.id], ['julietta', consultation.id], ['kilo', consultation.id],
      ['limaobjective', objective.id], ['майкл', objective.id],
      ['novemberaction', action.id], ['أوسكار', action.id], ['papaagency', action.id], ['quebecpartner', action.id],
      ['警察', indicator.id], ['romeoreport', indicator.id], ['sierrapercent', indicator.id], ['tangosurvey', indicator.id],
      ['uniformdraft', snapshot.id],
      ['victormeeting', meeting.id], ['whiskeyitem', meeting.id], ['xrayville', meeting.id], ['yankeedecision', meeting.id], ['zuluana', meeting.id], ['amberheading', meeting.id], ['bamako', meeting.id], ['coral', meeting.id], ['denim', meeting.id], ['emeraldorg', meeting.id], ['Sénégal', meeting.id],
      ['fuchsiapoint', point.id], ['garnetdetails', point.id], ['hazelnote', point.id], ['indigoinstitute', point.id],
      ['okafor', contact.id], ['khakiinstitute', contact.id], ['Nigeria', contact.id], ['lavender', contact.id],
      ['magentastatement', input.id], ['navybody', input.id], ['olive', input.id], ['peachaddressee', input.id], ['quartzdelegation', input.id],
    ];
    for (const [text, id] of expected) expect(await ids(core, text), text).toContain(id);
    // Snapshots are found by name only: their frozen copies would find the NAP's words twice.
    expect(await ids(core, 'alphaplan')).toEqual([nap.id]);
  });

  it('marks the words found, in the field they were found in, with the record it belongs to', async () => {
    const core = await open();
    const nap = await create(core, 'nap', { title: { en: 'Second National Action Plan', fr: 'Deuxième plan national' }, status: 'drafting' });
    const objective = await create(core, 'nap.objective', { pillar: 'participation', title: { en: 'Women in peace operations' } }, nap.id);
    const action = await create(core, 'nap.action', { description: { en: 'Deploy women police officers to peacekeeping missions.' } }, objective.id);
    const indicator = await create(core, 'nap.indicator', { name: { en: 'Share of police officers who are women' } }, action.id);
    const meeting = await create(core, 'meeting', { title: { en: 'Network meeting' }, start: '2026-03-10T09:00:00+01:00' });
    const point = await create(core, 'action', { title: { en: 'Circulate the police guidance' }, meetingId: meeting.id });

    const hit = (await hitOf(core, 'deploy', action.id))!;
    expect(hit).toMatchObject({ kind: 'nap.action', field: 'description', deleted: false, parent: { id: nap.id, kind: 'nap', title: 'Second National Action Plan' } });
    const [[s, e]] = hit.snippet.marks as [[number, number]];
    // A word found by its start is marked whole.
    expect(hit.snippet.text.slice(s, e)).toBe('Deploy');
    expect((await hitOf(core, 'police', indicator.id))!.parent).toMatchObject({ id: nap.id });
    // An action point belongs to its meeting.
    expect((await hitOf(core, 'police', point.id))!.parent).toMatchObject({ id: meeting.id, kind: 'meeting', title: 'Network meeting' });
    expect((await hitOf(core, 'network', meeting.id))!.parent).toBeNull();

    // A list's search box: the NAPs whose items hold the words.
    expect((await ok(core, 'search.match', { text: 'peacekeeping', kind: 'nap' })).ids).toEqual([nap.id]);
    expect((await ok(core, 'search.match', { text: 'women police', kind: 'nap' })).ids).toEqual([nap.id]);
    expect((await ok(core, 'search.match', { text: 'peace operations', kind: 'nap.objective' })).ids).toEqual([objective.id]);
    expect((await ok(core, 'search.match', { text: 'police', kind: 'nap.objective' })).ids).toEqual([objective.id]);
    // A meeting is found by its action points' words (they are agreed at it).
    expect((await ok(core, 'search.match', { text: 'police', kind: 'meeting' })).ids).toEqual([meeting.id]);
    // A list shows what it finds unranked: only the words as typed, never a neighbour a typo away
    // (the global search offers "peacekeeping" for "peacekeping"; the NAP list does not).
    expect((await ok(core, 'search.match', { text: 'peacekeping', kind: 'nap' })).ids).toEqual([]);
    expect((await search(core, 'peacekeping')).hits.map((h) => h.id)).toEqual([action.id]);
    // records.query's text goes through the index: an action's words find its NAP in the NAP list.
    const listed = await ok(core, 'records.query', { kind: 'nap', text: 'peacekeeping' });
    expect(listed.records.map((r) => r.id)).toEqual([nap.id]);
    expect((await ok(core, 'records.query', { kind: 'nap', text: 'nothing here' })).total).toBe(0);
    expect((await ok(core, 'records.query', { kind: 'nap.action', parentId: objective.id, text: 'DEPLOY' })).total).toBe(1);
    // Punctuation alone holds no word: it filters nothing, as an empty box does.
    expect((await ok(core, 'records.query', { kind: 'nap', text: ' - ( ' })).total).toBe(1);
  });

  it('finds by the start of a word, forgives a typo in a long word, never in a short one', async () => {
    const core = await open();
    const action = await create(core, 'action', { title: { en: 'Deployment of peacekeeping units' } });
    expect(await ids(core, 'deploy')).toEqual([action.id]);
    expect(await ids(core, 'peacekeping')).toEqual([action.id]);
    expect(await ids(core, 'peacekeepign')).toEqual([action.id]);
    expect(await ids(core, 'unots')).toEqual([action.id]);
    expect(await ids(core, 'unts')).toEqual([]);
    expect(await ids(core, 'dpeloy')).toEqual([]);
    // Every word must be found.
    expect(await ids(core, 'deployment elephants')).toEqual([]);
    expect((await hitOf(core, 'peacekeping', action.id))!.snippet.marks).toHaveLength(1);
  });

  it('filters by kind, pages with limit and offset, and counts everything found', async () => {
    const core = await open();
    const meetings: string[] = [];
    for (let i = 0; i < 7; i++) meetings.push((await create(core, 'meeting', { title: { en: `Gender meeting ${i}` }, start: '2026-03-10T09:00:00+01:00' })).id);
    const contact = await create(core, 'contact', { name: 'Gender adviser' });
    const all = await search(core, 'gender', { limit: 3 });
    expect(all.total).toBe(8);
    expect(all.hits).toHaveLength(3);
    expect(all.terms).toEqual(['gender']);
    const pages = [];
    for (let offset = 0; offset < 8; offset += 3) pages.push(...(await search(core, 'gender', { limit: 3, offset })).hits.map((h) => h.id));
    expect(pages.sort()).toEqual([...meetings, contact.id].sort());
    expect((await search(core, 'gender', { offset: 100 })).hits).toEqual([]);
    expect(await ids(core, 'gender', { kinds: ['contact'] })).toEqual([contact.id]);
    expect(await ids(core, 'gender', { kinds: ['meeting', 'contact'] })).toHaveLength(8);
    expect(await ids(core, 'gender', { kinds: ['input'] })).toEqual([]);
  });

  it('titles a hit in the language asked for when the record has that version', async () => {
    const core = await open();
    const nap = await create(core, 'nap', { title: { en: 'Action plan', fr: 'Plan d’action', ar: 'خطة العمل' }, status: 'drafting' });
    const objective = await create(core, 'nap.objective', { pillar: 'prevention', title: { en: 'Prevention objective' } }, nap.id);
    expect((await search(core, 'plan', { locale: 'fr' })).hits[0]).toMatchObject({ title: 'Plan d’action', language: 'fr' });
    expect((await search(core, 'plan', { locale: 'ar' })).hits[0]).toMatchObject({ title: 'خطة العمل', language: 'ar' });
    // No Chinese version: a version the record has, named by its language (as the app's lists fall back).
    const fallback = (await search(core, 'plan', { locale: 'zh' })).hits[0]!;
    expect(fallback.title).toBe((nap.fields.title as Record<string, string>)[fallback.language!]);
    const hit = (await search(core, 'prevention', { locale: 'fr' })).hits.find((h) => h.id === objective.id)!;
    expect(hit.parent).toMatchObject({ title: 'Plan d’action' });
    // The snippet comes from the interface language's version first.
    expect((await search(core, 'action', { locale: 'fr' })).hits.find((h) => h.id === nap.id)!.snippet).toMatchObject({ language: 'fr', text: 'Plan d’action' });
  });
});

describe('search keeps up with every change', () => {
  it('update, delete, restore', async () => {
    const core = await open();
    const action = await create(core, 'action', { title: { en: 'Translate the toolkit', fr: 'Traduire la boîte à outils' } });
    expect(await ids(core, 'toolkit')).toEqual([action.id]);
    await ok(core, 'records.update', { id: action.id, fields: { title: { en: 'Print the handbook', fr: 'Traduire la boîte à outils' } } });
    expect(await ids(core, 'toolkit')).toEqual([]);
    expect(await ids(core, 'handbook')).toEqual([action.id]);
    expect(await ids(core, 'boite')).toEqual([action.id]);
    await ok(core, 'records.delete', { id: action.id });
    expect(await ids(core, 'handbook')).toEqual([]);
    expect((await ok(core, 'search.match', { text: 'handbook', kind: 'action' })).ids).toEqual([]);
    const deleted = await search(core, 'handbook', { includeDeleted: true });
    expect(deleted.hits).toMatchObject([{ id: action.id, deleted: true }]);
    await ok(core, 'records.restore', { id: action.id });
    expect(await ids(core, 'handbook')).toEqual([action.id]);
  });

  it('a NAP item deleted with its NAP is not found; a list search with includeDeleted finds it', async () => {
    const core = await open();
    const nap = await create(core, 'nap', { title: { en: 'Plan' }, status: 'drafting' });
    const objective = await create(core, 'nap.objective', { pillar: 'protection', title: { en: 'Shelters everywhere' } }, nap.id);
    await ok(core, 'records.delete', { id: nap.id });
    expect((await ok(core, 'search.match', { text: 'shelters', kind: 'nap' })).ids).toEqual([]);
    expect((await ok(core, 'search.match', { text: 'shelters', kind: 'nap', includeDeleted: true })).ids).toEqual([nap.id]);
    void objective;
  });

  it('a bundle imported from another workspace is found, and gone again once the import is undone', async () => {
    const a = await open('Amina');
    const b = await open('Boris');
    await create(b, 'contact', { name: 'Already here' });
    // Index b before the import, so the import has to update it (not a first build).
    expect(await ids(b, 'already')).toHaveLength(1);
    const meeting = await create(a, 'meeting', { title: { en: 'Ouagadougou consultation' }, start: '2026-03-10T09:00:00+01:00' });
    const content = (await ok(a, 'bundles.export', { scope: { type: 'all' } })).content;
    const preview = await ok(b, 'bundles.preview', { content });
    expect(await ids(b, 'ouagadougou')).toEqual([]);
    await ok(b, 'bundles.apply', { previewId: preview.previewId });
    expect(await ids(b, 'ouagadougou')).toEqual([meeting.id]);
    await ok(b, 'bundles.undoLast', {});
    expect(await ids(b, 'ouagadougou')).toEqual([]);
    // Undone, the new records are deleted (so the undo travels to whoever has them too).
    expect((await search(b, 'ouagadougou', { includeDeleted: true })).hits).toMatchObject([{ id: meeting.id, deleted: true }]);
    expect(await ids(b, 'already')).toHaveLength(1);
  });

  it('a backup put back: found as the backup had it', async () => {
    const core = await open();
    const contact = await create(core, 'contact', { name: 'Before Backup' });
    const backup = await ok(core, 'backups.create', {});
    await ok(core, 'records.update', { id: contact.id, fields: { name: 'Renamed Afterwards' } });
    const later = await create(core, 'contact', { name: 'Created Afterwards' });
    expect(await ids(core, 'afterwards')).toEqual([contact.id, later.id].sort());
    await ok(core, 'backups.restore', { id: backup.id });
    expect(await ids(core, 'afterwards')).toEqual([]);
    expect(await ids(core, 'backup')).toEqual([contact.id]);
    // And it keeps up after the restore.
    await ok(core, 'records.update', { id: contact.id, fields: { name: 'Edited Again' } });
    expect(await ids(core, 'edited')).toEqual([contact.id]);
    expect(await ids(core, 'backup')).toEqual([]);
  });

  it('a search asked while the index is being built waits for it, and an edit made meanwhile is found', async () => {
    const core = await open();
    for (let i = 0; i < 120; i++) await create(core, 'contact', { name: `Person ${i}` });
    core.workspace!.searchIndex.start();
    const pending = search(core, 'person', { limit: 1 });
    const late = await create(core, 'contact', { name: 'Latecomer' });
    expect((await pending).total).toBe(120);
    expect(await ids(core, 'latecomer')).toEqual([late.id]);
  });
});
