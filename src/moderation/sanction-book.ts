import type { ModerationStore, NewSanction, Sanction, SanctionKind, SanctionTarget } from '../store/index.ts';

const keyOf = (target: SanctionTarget): string => `${target.type}:${target.value.toLowerCase()}`;

/**
 * The active bans and suspensions, kept in memory so that every connection and message can be
 * checked without a database round trip; every change goes to the store first (D3: they survive
 * a restart).
 */
export class SanctionBook {
  readonly #store: ModerationStore;
  readonly #byTarget = new Map<string, Sanction[]>();

  private constructor(store: ModerationStore) {
    this.#store = store;
  }

  /** Loads the sanctions active at `now`. */
  static async load(store: ModerationStore, now: number): Promise<SanctionBook> {
    const book = new SanctionBook(store);
    for (const sanction of await store.activeSanctions(now)) book.#remember(sanction);
    return book;
  }

  #remember(sanction: Sanction): void {
    const key = keyOf(sanction.target);
    this.#byTarget.set(key, [...(this.#byTarget.get(key) ?? []), sanction]);
  }

  /** The active sanction of `kind` on `target` that ends last (an indefinite one first), if any. */
  find(kind: SanctionKind, target: SanctionTarget, now: number): Sanction | undefined {
    const active = (this.#byTarget.get(keyOf(target)) ?? []).filter(
      (s) => s.kind === kind && (s.expiresAt === null || s.expiresAt > now),
    );
    return active.sort(
      (a, b) => (b.expiresAt ?? Number.POSITIVE_INFINITY) - (a.expiresAt ?? Number.POSITIVE_INFINITY),
    )[0];
  }

  /** Records a sanction (store first, then memory). */
  async add(sanction: NewSanction): Promise<Sanction> {
    const id = await this.#store.addSanction(sanction);
    const stored = { ...sanction, id };
    this.#remember(stored);
    return stored;
  }

  /** Lifts every active sanction on `target`; returns how many there were. */
  async lift(target: SanctionTarget, liftedBy: string, at: number): Promise<number> {
    const lifted = await this.#store.liftSanctions({ target, liftedBy, at });
    this.#byTarget.delete(keyOf(target));
    return lifted;
  }
}
