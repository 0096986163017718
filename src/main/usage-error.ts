import { readFileSync } from 'node:fs';

/** A problem the user can fix (a bad flag, an unreadable file): printed as one line, exit code 1. */
export class UsageError extends Error {}

/** A file's content, or a UsageError naming what the file is for and why it could not be read. */
export const readFileOrExplain = (what: string, path: string): Buffer => {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new UsageError(
      `cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
};
