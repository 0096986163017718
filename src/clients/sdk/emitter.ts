/** Stops a subscription; calling it again does nothing. */
export type Unsubscribe = () => void;

/** Throws `error` outside the current work, uncaught: loud, yet what was going on carries on. */
export const rethrowLater = (error: unknown): void => {
  queueMicrotask(() => {
    throw error;
  });
};

/**
 * A list of listeners for one kind of event. Every listener runs even if an earlier one throws;
 * the first error is then rethrown, so a buggy listener is loud but does not starve the others.
 */
export class Emitter<T> {
  readonly #listeners = new Set<(value: T) => void>();

  /** Adds a listener. */
  add(listener: (value: T) => void): Unsubscribe {
    // A wrapper makes the same function subscribable twice, each with its own unsubscribe.
    const entry = (value: T): void => listener(value);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  /** Calls every listener with `value`. */
  emit(value: T): void {
    let failure: { error: unknown } | undefined;
    for (const listener of [...this.#listeners]) {
      try {
        listener(value);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure !== undefined) throw failure.error;
  }

  /** Like `emit`, but a listener's error is rethrown later (`rethrowLater`), not to the caller. */
  tell(value: T): void {
    try {
      this.emit(value);
    } catch (error) {
      rethrowLater(error);
    }
  }
}
