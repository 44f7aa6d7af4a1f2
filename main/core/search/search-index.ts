import MiniSearch, { type Options, type Query, type SearchResult } from 'minisearch';
import type { z } from 'zod';
import type { SearchHit, SearchMatchRequest, SearchRequest, SearchResponse } from '../../../shared/search/api.js';
import { QUERY_MAX } from '../../../shared/search/api.js';
import { searchTexts, TITLE_FIELD, type SearchText } from '../../../shared/search/fields.js';
import { snippetOf } from '../../../shared/search/snippet.js';
import { indexTerms, isCjkTerm, queryUnits, type QueryUnit } from '../../../shared/search/tokenize.js';
import { PARENT_KIND, recordTitleVersion, type RecordView } from '../../../shared/records/codec.js';
import type { Kind } from '../../../shared/records/kinds.js';
import type { Language } from '../../../shared/i18n/languages.js';

/*
 * The full-text index of a workspace, in memory (MiniSearch: a radix tree of terms with BM25
 * scoring, prefix and fuzzy search, and documents replaced by id without their old text).
 *
 * It is built in the background once the workspace is open, in slices that give the event loop
 * back between them (the first screen's requests are answered meanwhile; a search waits for the
 * end), then kept up to date from the store's change notices: every way a record reaches memory
 * (an edit, an import, a merge, a restore, a backup put back) goes through the store, so nothing
 * changes without the index hearing of it. A changed record is re-read at the next search (a burst
 * of autosaves of one long note is indexed once). Deleted records stay in the index (a search may
 * ask for them) and are left out of results unless asked for.
 */

/** What the index reads records from: the workspace (its views are cached per record version). */
export interface IndexSource {
  ids(): Iterable<string>;
  view(id: string): RecordView | undefined;
}

export interface Doc {
  id: string;
  title: string;
  text: string;
}

/** Words this long or longer tolerate one typo; this long or longer, two. */
const FUZZY_ONE = 5;
const FUZZY_TWO = 9;
/** Words this long or longer also find longer words they start ("deploy" → "deployment"). */
const PREFIX_FROM = 3;
/**
 * Typos are looked for only when the words as typed find fewer records than this: a word people
 * use everywhere ("women") would otherwise drag in every near neighbour for nothing, and a typo
 * rarely finds anything as typed.
 */
const FUZZY_BELOW = 5;
/** A build slice gives the event loop back after about this long. */
const SLICE_MS = 12;

/** More changed records than this at once are indexed again from scratch, in slices. */
const REBUILD_ABOVE = 5_000;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One query unit as MiniSearch takes it: a word with its start and typo rules, a Chinese word by its pairs. */
function unitQuery(unit: QueryUnit, typos: boolean): Query {
  if (unit.type === 'word') {
    const length = [...unit.term].length;
    // Prefix by the word as typed: an Arabic word being typed ("المر") has a short stem ("مر").
    return {
      queries: unit.alt ? [unit.term, unit.alt] : [unit.term],
      combineWith: 'OR',
      prefix: unit.typed >= PREFIX_FROM,
      fuzzy: typos && length >= FUZZY_ONE ? (length >= FUZZY_TWO ? 2 : 1) : false,
    };
  }
  // One character: the first of a pair, or the last of a run (indexed alone).
  if ([...unit.word].length === 1) return { queries: [unit.word], prefix: true, fuzzy: false };
  if (unit.pairs.length === 1) return { queries: unit.pairs, prefix: false, fuzzy: false };
  // Every pair of the word; the word itself, where the segmenter made it one, counts for more.
  return {
    combineWith: 'OR',
    prefix: false,
    fuzzy: false,
    queries: [{ queries: [unit.word] }, { combineWith: 'AND', queries: unit.pairs }],
  };
}

/** A typed query as the index searches it (every unit must be found), with or without typos, and its terms. */
export function buildQuery(text: string, typos = false): { query: Query; terms: string[] } | null {
  const units = queryUnits(text.slice(0, QUERY_MAX));
  if (units.length === 0) return null;
  return {
    query: { combineWith: 'AND', queries: units.map((u) => unitQuery(u, typos)) },
    terms: units.map((u) => (u.type === 'word' ? u.term : u.word)),
  };
}

/** The index's options (exported for the benchmark, which compares building with reading a saved index). */
export function miniSearchOptions(): Options<Doc> {
  return {
    fields: ['title', 'text'],
    storeFields: [],
    // Text is folded and cut by the one shared rule; query leaves arrive as finished terms.
    tokenize: (text) => indexTerms(text),
    processTerm: (term) => term,
    searchOptions: { tokenize: (text) => [text], processTerm: (term) => term, boost: { title: 3 } },
  };
}

const newMiniSearch = () => new MiniSearch<Doc>(miniSearchOptions());

/** A record as the index holds it: its title's texts, and all its other texts. */
export function docOf(view: RecordView): Doc {
  const kind = view.kind as Kind;
  const texts = searchTexts(kind, view.fields);
  const title = TITLE_FIELD[kind];
  return {
    id: view.id,
    title: texts
      .filter((t) => t.field === title)
      .map((t) => t.text)
      .join('\n'),
    text: texts
      .filter((t) => t.field !== title)
      .map((t) => t.text)
      .join('\n'),
  };
}

export class SearchIndex {
  /** Live records, and apart the deleted ones (few, and searched only when asked for). */
  #index = newMiniSearch();
  #deleted = newMiniSearch();
  /** The kind of every indexed record (a kinds filter reads it). */
  #kinds = new Map<string, string>();
  /** Ids whose record changed since it was indexed. */
  readonly #pending = new Set<string>();
  #built: Promise<void> | null = null;
  #generation = 0;
  #stopped = false;
  /** How long the last full build took, ms (the benchmark reads it). */
  lastBuildMs = 0;

  constructor(private readonly source: IndexSource) {}

  /** Starts the background build (again, from scratch, when everything changed at once). */
  start(): Promise<void> {
    const generation = ++this.#generation;
    this.#index = newMiniSearch();
    this.#deleted = newMiniSearch();
    this.#kinds = new Map();
    this.#pending.clear();
    const built = this.#build(generation);
    // A failure reaches whoever searches (through this promise), and the next search builds again.
    built.catch(() => {
      if (this.#built === built) this.#built = null;
    });
    this.#built = built;
    return built;
  }

  async #build(generation: number): Promise<void> {
    // After what is already queued (the first screen's requests), not before.
    await nextTurn();
    const started = performance.now();
    const ids = [...this.source.ids()];
    let i = 0;
    while (i < ids.length) {
      if (generation !== this.#generation) return;
      const sliceEnd = performance.now() + SLICE_MS;
      do {
        for (const end = Math.min(ids.length, i + 64); i < end; i++) this.#reindex(ids[i]!);
      } while (i < ids.length && performance.now() < sliceEnd);
      if (i < ids.length) await nextTurn();
    }
    if (generation === this.#generation) this.lastBuildMs = performance.now() - started;
  }

  /** Stops a build under way (the workspace closes; a command-line run may end). */
  stop(): void {
    this.#stopped = true;
    this.#generation++;
    this.#built = null;
  }

  /** Resolves once the index holds every record as it is now (a search waits for it). */
  async ready(): Promise<void> {
    for (;;) {
      if (this.#stopped) throw new Error('the search index is closed');
      const built = this.#built ?? this.start();
      await built;
      // Started again meanwhile (everything was replaced), or stopped: wait for that, or refuse.
      if (built === this.#built) break;
    }
    // A change as large as a whole import is indexed again in slices, like the first build.
    if (this.#pending.size > REBUILD_ABOVE) {
      void this.start();
      return this.ready();
    }
    for (const id of [...this.#pending]) this.#reindex(id);
  }

  /** The store says these records changed (null: all of them at once, as a restore does). */
  changed(ids: Iterable<string> | null): void {
    if (ids === null) {
      if (this.#built) this.start();
      return;
    }
    for (const id of ids) this.#pending.add(id);
  }

  #reindex(id: string): void {
    this.#pending.delete(id);
    if (this.#index.has(id)) this.#index.discard(id);
    if (this.#deleted.has(id)) this.#deleted.discard(id);
    this.#kinds.delete(id);
    let view: RecordView | undefined;
    let doc: Doc;
    try {
      view = this.source.view(id);
      if (!view) return;
      doc = docOf(view);
    } catch {
      // A record the index cannot read (its kind unknown to this version) is not searchable; the
      // others still are.
      return;
    }
    if (!doc.title && !doc.text) return;
    (view.deleted ? this.#deleted : this.#index).add(doc);
    this.#kinds.set(id, view.kind);
  }

  /** Records in the index (live and deleted). */
  get documentCount(): number {
    return this.#index.documentCount + this.#deleted.documentCount;
  }

  #run(query: Query, kinds: ReadonlySet<string> | null, includeDeleted: boolean): SearchResult[] {
    const options = kinds ? { filter: (result: SearchResult) => kinds.has(this.#kinds.get(result.id as string) ?? '') } : {};
    const results = this.#index.search(query, options);
    if (!includeDeleted) return results;
    return [...results, ...this.#deleted.search(query, options)].sort((a, b) => b.score - a.score);
  }

  #results(text: string, kinds: ReadonlySet<string> | null, includeDeleted: boolean, typos: boolean): { results: SearchResult[]; terms: string[] } {
    const built = buildQuery(text);
    if (!built) return { results: [], terms: [] };
    let results = this.#run(built.query, kinds, includeDeleted);
    if (typos && results.length < FUZZY_BELOW) {
      const found = new Set(results.map((r) => r.id));
      const near = this.#run(buildQuery(text, true)!.query, kinds, includeDeleted).filter((r) => !found.has(r.id));
      // What the words as typed found comes first; then what a typo away finds.
      results = [...results, ...near];
    }
    return { results, terms: built.terms };
  }

  /**
   * The records a record lives in, nearest first: its parent up to the root (a NAP item's
   * objective, action, NAP), or for an action point, its meeting. A loop left by concurrent moves
   * is never walked forever.
   */
  *#above(view: RecordView): Generator<RecordView> {
    if (view.kind === 'action' && typeof view.fields.meetingId === 'string') {
      const meeting = this.source.view(view.fields.meetingId);
      if (meeting) yield meeting;
      return;
    }
    let at: RecordView | undefined = view;
    for (let hops = 0; at?.parentId && PARENT_KIND[at.kind as Kind] && hops < 32; hops++) {
      at = this.source.view(at.parentId);
      if (at) yield at;
    }
  }

  /** Where a record lives, for a hit: its root (a NAP item's NAP) or, for an action point, its meeting. */
  #parentOf(view: RecordView, locale: string): SearchHit['parent'] {
    let parent: RecordView | undefined;
    for (const above of this.#above(view)) parent = above;
    return parent ? { id: parent.id, kind: parent.kind as Kind, ...titleOf(parent, locale) } : null;
  }

  async search(request: z.output<typeof SearchRequest>): Promise<SearchResponse> {
    await this.ready();
    const locale = request.locale ?? 'en';
    const { results, terms } = this.#results(request.text, request.kinds ? new Set(request.kinds) : null, request.includeDeleted ?? false, true);
    const single = new Set(terms.filter((t) => isCjkTerm(t) && [...t].length === 1));
    const hits: SearchHit[] = [];
    for (const result of results.slice(request.offset, request.offset + request.limit)) {
      const view = this.source.view(result.id as string)!;
      const texts = searchTexts(view.kind as Kind, view.fields);
      // A one-character Chinese query found the pairs it starts: mark the character, not the pair.
      const marked = result.terms.map((t) => (isCjkTerm(t) && [...t].length === 2 && single.has([...t][0]!) ? [...t][0]! : t));
      const found = snippetOf(texts, marked, locale);
      hits.push({
        id: view.id,
        kind: view.kind as Kind,
        ...titleOf(view, locale, texts),
        field: found?.field ?? '',
        snippet: found?.snippet ?? { text: '', marks: [], language: null, cutStart: false, cutEnd: false },
        parent: this.#parentOf(view, locale),
        deleted: view.deleted,
        score: result.score,
      });
    }
    return { total: results.length, hits, terms };
  }

  /**
   * Ids of the records of one kind a list's search box finds: by their own texts, or any under
   * them (a NAP by its items), or for a meeting, its action points. A list shows what it finds
   * unranked, so only the words as typed count here, never a neighbour a typo away.
   */
  async match(request: z.output<typeof SearchMatchRequest>): Promise<string[]> {
    await this.ready();
    const { results } = this.#results(request.text, null, request.includeDeleted ?? false, false);
    const out = new Set<string>();
    for (const result of results) {
      const view = this.source.view(result.id as string);
      if (!view) continue;
      let found = view.kind === request.kind ? view : undefined;
      if (!found) {
        for (const above of this.#above(view)) {
          if (above.kind === request.kind) {
            found = above;
            break;
          }
        }
      }
      if (found && (request.includeDeleted || !found.deleted)) out.add(found.id);
    }
    return [...out];
  }
}

/** What a hit is called: its title in the interface language when it has that version, else its first text's start. */
function titleOf(view: RecordView, locale: string, texts?: readonly SearchText[]): { title: string; language: Language | null } {
  const named = recordTitleVersion(view.fields, locale);
  if (named.title) return named;
  const first = (texts ?? searchTexts(view.kind as Kind, view.fields))[0];
  if (!first) return { title: '', language: null };
  const line = first.text.split('\n')[0]!.trim();
  // Cut before a whole character, never between the halves of one.
  const cutAt = /[\uD800-\uDBFF]/.test(line[118] ?? '') ? 118 : 119;
  return { title: line.length > 120 ? `${line.slice(0, cutAt)}…` : line, language: first.language };
}
