import { makeSearchRecords } from './scripts/bench-search.ts';
import { viewRecord } from './shared/records/codec.ts';
import { docOf, miniSearchOptions, buildQuery } from './main/core/search/search-index.ts';
import MiniSearch from 'minisearch';
const N = Number(process.argv[2] ?? 30000);
const docs = makeSearchRecords(N).map(viewRecord).map(docOf);
const ms = new MiniSearch(miniSearchOptions());
let t = performance.now(); ms.addAll(docs); console.log('addAll', (performance.now() - t).toFixed(0));
const ids = new Map(docs.map(d => [d.id, d]));
for (const q of ['police', 'participation', 'women police', 'peacekeping', '警察', '维和行动', 'مشاركه المراه', 'de']) {
  const built = buildQuery(q)!;
  const run = (opts: any) => { const ts: number[] = []; let n = 0; for (let i = 0; i < 5; i++) { const s = performance.now(); n = ms.search(built.query, opts).length; ts.push(performance.now() - s); } ts.sort((a,b)=>a-b); return `${ts[2].toFixed(1)}ms n=${n}`; };
  const nofuzzy = JSON.parse(JSON.stringify(built.query, (k, v) => k === 'fuzzy' ? false : v));
  console.log(q.padEnd(16), 'plain', run({}), '| filter', run({ filter: (r: any) => ids.has(r.id) }), '| nofuzzy', (() => { const ts: number[] = []; let n=0; for (let i = 0; i < 5; i++) { const s = performance.now(); n = ms.search(nofuzzy).length; ts.push(performance.now() - s); } ts.sort((a,b)=>a-b); return `${ts[2].toFixed(1)}ms n=${n}`; })());
}
