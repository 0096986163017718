import { useEffect, useState } from 'preact/hooks';
import { type AppState, initialState } from './model.ts';

/** Holds the one `AppState` and tells subscribers when it is replaced. */
export class Store {
  #state: AppState;
  readonly #listeners = new Set<() => void>();

  constructor(state: AppState = initialState) {
    this.#state = state;
  }

  get state(): AppState {
    return this.#state;
  }

  /** Replaces the state by `change(state)`; subscribers hear of it only if it is a new value. */
  update(change: (state: AppState) => AppState): void {
    const next = change(this.#state);
    if (next === this.#state) return;
    this.#state = next;
    for (const listener of this.#listeners) listener();
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

/** The store's current state, re-rendering the component whenever it changes. */
export function useAppState(store: Store): AppState {
  const [state, setState] = useState(store.state);
  useEffect(() => {
    setState(store.state);
    return store.subscribe(() => setState(store.state));
  }, [store]);
  return state;
}
