import { useTranslation } from 'react-i18next';
import { textDirection } from '../../../../shared/i18n/languages';
import type { Kind } from '../../../../shared/records/kinds';
import type { SearchHit } from '../../../../shared/search/api';
import { TITLE_FIELD } from '../../../../shared/search/fields';
import { useRecordText } from '../../text/records-text';
import { Snippet } from './Snippet';

const GROUP_LABELS = {
  nap: 'groups.nap',
  'nap.objective': 'groups.napObjective',
  'nap.action': 'groups.napAction',
  'nap.indicator': 'groups.napIndicator',
  'nap.consultation': 'groups.napConsultation',
  'nap.snapshot': 'groups.napSnapshot',
  meeting: 'groups.meeting',
  action: 'groups.action',
  contact: 'groups.contact',
  input: 'groups.input',
} as const satisfies Record<Kind, string>;

const PARENT_LABELS: Partial<Record<Kind, 'parent.nap' | 'parent.meeting'>> = {
  nap: 'parent.nap',
  meeting: 'parent.meeting',
};

export interface ResultGroup {
  kind: Kind;
  hits: SearchHit[];
}

/** Results by kind, the kinds in the order of their best result (the core sends best first). */
export function groupHits(hits: readonly SearchHit[]): ResultGroup[] {
  const groups = new Map<Kind, SearchHit[]>();
  for (const hit of hits) {
    const list = groups.get(hit.kind);
    if (list) list.push(hit);
    else groups.set(hit.kind, [hit]);
  }
  return [...groups].map(([kind, list]) => ({ kind, hits: list }));
}

export const optionId = (listId: string, hit: SearchHit) => `${listId}-${hit.id}`;

/** A text in its own language and direction (unknown language: the browser finds the direction). */
const own = (language: string | null) => (language ? { lang: language, dir: textDirection(language) } : { dir: 'auto' as const });

/**
 * The list of results, grouped under headings by kind. Focus stays in the search box: the active
 * option is pointed at with aria-activedescendant, and a click opens an option.
 */
export function SearchResults(props: {
  id: string;
  label: string;
  groups: ResultGroup[];
  activeId: string | null;
  onActivate(hit: SearchHit): void;
  onOpen(hit: SearchHit): void;
}) {
  const { t } = useTranslation(['search', 'records']);
  const text = useRecordText();
  return (
    <div role="listbox" id={props.id} aria-label={props.label} className="search-list">
      {props.groups.map((group) => {
        const headingId = `${props.id}-${group.kind}`;
        return (
          <div key={group.kind} role="group" aria-labelledby={headingId} className="search-group">
            <div role="presentation" id={headingId} className="search-group-title">
              {t(GROUP_LABELS[group.kind])}
            </div>
            {group.hits.map((hit) => {
              const active = hit.id === props.activeId;
              const titleField = TITLE_FIELD[hit.kind];
              // A title found in itself is shown once, marked, rather than repeated as a snippet.
              const markedTitle =
                hit.field === titleField &&
                !hit.snippet.cutStart &&
                !hit.snippet.cutEnd &&
                hit.snippet.text === hit.title;
              const parentLabel = hit.parent ? PARENT_LABELS[hit.parent.kind] : undefined;
              return (
                <div
                  key={hit.id}
                  id={optionId(props.id, hit)}
                  role="option"
                  aria-selected={active}
                  className="search-option"
                  data-active={active || undefined}
                  onMouseMove={() => {
                    if (!active) props.onActivate(hit);
                  }}
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => props.onOpen(hit)}
                >
                  <div className="search-option-head">
                    {markedTitle ? (
                      <Snippet snippet={hit.snippet} className="search-option-title" />
                    ) : (
                      <span className="search-option-title" {...own(hit.title ? hit.language : null)}>
                        {hit.title || t('records:untitled')}
                      </span>
                    )}
                    <span className="search-option-field">
                      {text.field(hit.snippet.language ? `${hit.field}@${hit.snippet.language}` : hit.field)}
                    </span>
                  </div>
                  {hit.parent && (
                    <div className="search-option-parent">
                      <span className="search-parent-label">{parentLabel ? t(parentLabel) : text.kind(hit.parent.kind)}</span>
                      <span className="search-isolate" {...own(hit.parent.title ? hit.parent.language : null)}>
                        {hit.parent.title || t('records:untitled')}
                      </span>
                    </div>
                  )}
                  {!markedTitle && <Snippet snippet={hit.snippet} className="search-snippet" />}
                </div>
              );
            })}
          </div>
        );
      })}
    </div>
  );
}
