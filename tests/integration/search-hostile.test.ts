/**
 * Search given what nobody should type, and records nobody should write: a query too long, control
 * characters, invalid Unicode, only punctuation, prototype names as words, regex syntax, a huge
 * note. Each gets an answer (hits, none, or a translated refusal); nothing throws or leaks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordView } from '../../shared/records/codec.js';
import { QUERY_MAX, type SearchResponse } from '../../shared/search/api.js';
import { SNIPPET_LENGTH } from '../../shared/search/snippet.js';
import { LANGUAGES } from '../../shared/i18n/languages.js';
import type { Kind } from '../../shared/records/kinds.js';
import { openCore, type Core } from '../../main/core/index.js';
import { fails, ok } from './support.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const PROTO = ['__', 'proto', '__'].join('');

let dir: string;
let core: Core;
const made: Record<string, RecordView> = {};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-search-hostile-'));
  core = await openCore({ dataDir: dir, host: 'browser', systemLocales: ['en'], log: () => undefined });
  const create = (kind: Kind, fields: Record<string, unknown>) => ok(core, 'records.create', { kind, fields });
  made.proto = await create('action', { title: { en: `${PROTO} constructor toString hasOwnProperty valueOf prototype` } });
  made.regex = await create('action', { title: { en: 'C++ (.NET) [draft]* ^start$ a|b \\d+ {1,2}?' } });
  made.police = await create('action', { title: { en: 'Train police officers' } });
  const note = `${'filler text for a long note '.repeat(7_000)}needle at the end ${'more words '.repeat(500)}`;
  expect(note.length).toBeGreaterThan(200_000);
  made.long = await create('meeting', { title: { en: 'Meeting with a very long note' }, start: '2026-03-10T09:00:00+01:00', notes: { en: note } });
  made.zalgo = await create('contact', { name: `Za${'\u0300\u0301\u0302\u0303'.repeat(150)}lgo person` });
  made.emoji = await create('contact', { name: '👩‍👩‍👧 Émoji 🙂 family' });
});
afterAll(async () => {
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const search = (text: string, extra: Record<string, unknown> = {}) => ok(core, 'search', { text, ...extra });
const ids = async (text: string) => (await search(text, { limit: 500 })).hits.map((h) => h.id).sort();

/** An error key ("errors:validation.too_long") has a sentence in every language. */
function translated(key: string): void {
  const [ns, ...rest] = key.split(':');
  for (const language of LANGUAGES) {
    let value: unknown = JSON.parse(fs.readFileSync(path.join(ROOT, 'locales', language, `${ns}.json`), 'utf8'));
    for (const part of rest.join(':').split('.')) value = (value as Record<string, unknown>)[part];
    expect(typeof value, `${language}: ${key}`).toBe('string');
    expect(value).not.toBe('');
  }
}

describe('hostile queries', () => {
  it('refuses a 1 MB query as an invalid request, with a translated reason, and takes one at the limit (searching its start)', async () => {
    const error = await fails(core, 'search', { text: 'police '.repeat(150_000) });
    expect(error.code).toBe('invalid_request');
    expect(error.issues?.[0]).toMatchObject({ path: ['text'] });
    translated(error.issues![0]!.message);
    translated('errors:api.invalid_request');
    const matchError = await fails(core, 'search.match', { text: 'x'.repeat(1024 * 1024), kind: 'action' });
    expect(matchError.code).toBe('invalid_request');
    // At the schema's limit: only the first QUERY_MAX characters are searched.
    const atLimit = await search(`police ${'x'.repeat(QUERY_MAX * 4 - 7)}`);
    expect(atLimit.terms[0]).toBe('police');
    expect(atLimit.terms.every((t) => t.length <= 64)).toBe(true);
    expect(atLimit.total).toBe(0);
    expect(await ids(`police${' '.repeat(QUERY_MAX * 2)}x`)).toEqual([made.police!.id]);
  });

  it('ignores control characters around words', async () => {
    expect(await ids('\u0000police\u001b\u0007')).toEqual([made.police!.id]);
    // An escape sequence's letters are letters: "[2J" is the word "2j".
    expect(await ids('police\u001b[2J')).toEqual([]);
    expect(await ids('\r\n\tpolice\u0085\u200f')).toEqual([made.police!.id]);
    expect((await search('\u0000\u0001\u001b')).total).toBe(0);
  });

  it('answers a query with lone surrogates without throwing', async () => {
    for (const text of ['\ud800police', 'police\udfff', '\udc00\ud800', '\ud83d']) {
      const envelope = await core.dispatch('search', { text });
      if (envelope.ok) {
        expect((envelope.value as SearchResponse).hits.every((h) => h.id === made.police!.id)).toBe(true);
      } else {
        expect(envelope.error.code).toBe('invalid_request');
        translated(envelope.error.issues![0]!.message);
      }
    }
  });

  it('finds nothing, and throws nothing, for punctuation, emoji, spaces and regex syntax alone', async () => {
    for (const text of ['', '   ', '!!!', '…—–', '🙂', '👩‍👩‍👧', '.*', '(', '[', ')', '\\', '$^', '|', '+?', '{,}', '(?<>)', '%', '_', '"', "'"]) {
      const result = await search(text);
      expect(result, JSON.stringify(text)).toEqual({ total: 0, hits: [], terms: [] });
      expect((await ok(core, 'search.match', { text, kind: 'action' })).ids).toEqual([]);
    }
  });

  it('finds words written among regex syntax, and marks them', async () => {
    expect(await ids('net')).toEqual([made.regex!.id]);
    expect(await ids('(.NET)')).toEqual([made.regex!.id]);
    expect(await ids('draft*')).toEqual([made.regex!.id]);
    expect(await ids('\\d+')).toEqual([made.regex!.id]);
    expect(await ids('{1,2}?')).toEqual([made.regex!.id]);
    const hit = (await search('start')).hits[0]!;
    const [[s, e]] = hit.snippet.marks as [[number, number]];
    expect(hit.snippet.text.slice(s, e)).toBe('start');
  });

  it('treats prototype names as ordinary words, in queries and in records', async () => {
    for (const word of [PROTO, 'proto', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype']) {
      expect(await ids(word), word).toEqual([made.proto!.id]);
    }
    // Words nobody wrote, that are names on every object.
    for (const word of ['isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__']) expect(await ids(word), word).toEqual([]);
    expect(({}) as Record<string, unknown>).not.toHaveProperty('polluted');
  });

  it('refuses prototype names where a kind or a key is expected', async () => {
    expect((await fails(core, 'search', { text: 'police', kinds: ['constructor'] })).code).toBe('invalid_request');
    expect((await fails(core, 'search.match', { text: 'police', kind: PROTO })).code).toBe('invalid_request');
    const withKey = JSON.parse(`{"text":"police","${PROTO}":{"polluted":true}}`);
    expect((await fails(core, 'search', withKey)).code).toBe('invalid_request');
    // An unknown locale is no language: titles fall back as for any other.
    for (const locale of [PROTO, 'constructor', 'toString']) {
      const result = await search('police', { locale });
      expect(result.hits[0]).toMatchObject({ id: made.police!.id, title: 'Train police officers' });
    }
    expect(({}) as Record<string, unknown>).not.toHaveProperty('polluted');
  });

  it('finds a word at the end of a 200,000-character note, with a snippet of snippet size', async () => {
    const result = await search('needle');
    expect(result.hits).toHaveLength(1);
    const hit = result.hits[0]!;
    expect(hit).toMatchObject({ id: made.long!.id, field: 'notes', snippet: { cutStart: true, cutEnd: true } });
    expect(hit.snippet.text.length).toBeLessThanOrEqual(SNIPPET_LENGTH + 2);
    const [[s, e]] = hit.snippet.marks as [[number, number]];
    expect(hit.snippet.text.slice(s, e)).toBe('needle');
    // The whole answer stays small, however long the records it found.
    expect(JSON.stringify(await search('filler', { limit: 500 })).length).toBeLessThan(4_000);
    expect(JSON.stringify(await search('text note words', { limit: 500 })).length).toBeLessThan(4_000);
  });

  it('finds a name written with hundreds of combining marks, and shows a bounded snippet of it', async () => {
    const result = await search('zalgo');
    expect(result.hits.map((h) => h.id)).toEqual([made.zalgo!.id]);
    expect(result.hits[0]!.snippet.text.length).toBeLessThanOrEqual(SNIPPET_LENGTH + 2);
    expect(result.hits[0]!.title.length).toBeLessThanOrEqual(1_000);
    expect(await ids('person')).toEqual([made.zalgo!.id]);
  });

  it('finds words between emoji', async () => {
    expect(await ids('emoji family')).toEqual([made.emoji!.id]);
    const hit = (await search('emoji')).hits[0]!;
    const [[s, e]] = hit.snippet.marks as [[number, number]];
    expect(hit.snippet.text.slice(s, e)).toBe('Émoji');
  });

  it('keeps limit and offset within bounds', async () => {
    for (const bad of [{ limit: 0 }, { limit: 501 }, { limit: 1.5 }, { offset: -1 }, { offset: 1e9 }, { limit: '5' }]) {
      expect((await fails(core, 'search', { text: 'police', ...bad })).code, JSON.stringify(bad)).toBe('invalid_request');
    }
  });
});
