import { CHANGED_IDS_MAX, type RecordsChanged } from '../../shared/api/contract.js';
import { KIND_NAMES, type Kind } from '../../shared/records/kinds.js';

/**
 * What changed in the store since it was last announced. The store reports every change (its
 * `onChange`, the one place they all pass); the dispatcher, after each operation that may change
 * records, and the team folder, after a round, announce what gathered as one `records.changed`
 * event with the kinds and ids touched. Nothing gathered: nothing announced.
 */
export class ChangeFeed {
  #ids = new Set<string>();
  #kinds = new Set<Kind>();
  #all = false;

  constructor(
    private readonly kindOf: (id: string) => string | undefined,
    private readonly emit: (change: RecordsChanged) => void,
  ) {}

  /** The store's word: these ids changed, or (null) every record was replaced. */
  record(ids: readonly string[] | null): void {
    if (ids === null) {
      this.#all = true;
      return;
    }
    for (const id of ids) {
      this.#ids.add(id);
      const kind = this.kindOf(id);
      if (kind && (KIND_NAMES as readonly string[]).includes(kind)) this.#kinds.add(kind as Kind);
    }
  }

  announce(): void {
    if (!this.#all && this.#ids.size === 0) return;
    const change: RecordsChanged = this.#all
      ? { kinds: [...KIND_NAMES], ids: null }
      : { kinds: [...this.#kinds], ids: this.#ids.size > CHANGED_IDS_MAX ? null : [...this.#ids] };
    this.#ids = new Set();
    this.#kinds = new Set();
    this.#all = false;
    this.emit(change);
  }
}
