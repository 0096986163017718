/**
 * A value or an error, for operations on untrusted input that must not throw. The same shape as
 * the protocol's `Result`, defined again here because games import nothing outside src/games/.
 */
export type Result<T, E> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

/** Wraps a success value. */
export const ok = <T>(value: T): { readonly ok: true; readonly value: T } => ({ ok: true, value });

/** Wraps an error value. */
export const err = <E>(error: E): { readonly ok: false; readonly error: E } => ({ ok: false, error });
