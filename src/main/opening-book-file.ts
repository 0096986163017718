import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Connect4Solver } from '../games/index.ts';

//
// The Connect Four opening book shipped with the package (assets/connect4-book.bin, built by
// `npm run book:connect4`), read from disk for the CLI and the server. Decoding is pure and lives
// in src/games; only the file read is here.
//

/** Where the shipped book is looked for: next to dist/ (the built CLI) or two levels up (sources). */
const CANDIDATES = ['../assets/connect4-book.bin', '../../assets/connect4-book.bin'];

/** The path of the shipped opening book, or `undefined` if the package has none. */
export const defaultOpeningBookPath = (): string | undefined =>
  CANDIDATES.map((relative) => fileURLToPath(new URL(relative, import.meta.url))).find((path) =>
    existsSync(path),
  );

/** The book in file `path`, or a one-line reason why it cannot be used. */
export function readOpeningBook(
  path: string,
): { ok: true; book: Connect4Solver.OpeningBook } | { ok: false; reason: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return {
      ok: false,
      reason: `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    };
  }
  const decoded = Connect4Solver.decodeOpeningBook(bytes);
  return decoded.ok
    ? { ok: true, book: decoded.value }
    : { ok: false, reason: `${path}: ${decoded.error.message}` };
}
