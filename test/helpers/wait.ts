/** Resolves when `check` returns a value other than undefined, rejecting after `timeoutMs`. */
export const until = <T>(
  subscribe: (notify: () => void) => () => void,
  check: () => T | undefined,
  what: string,
  timeoutMs = 3000,
): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const first = check();
    if (first !== undefined) {
      resolve(first);
      return;
    }
    let unsubscribe = (): void => {};
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    unsubscribe = subscribe(() => {
      const value = check();
      if (value === undefined) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(value);
    });
  });
