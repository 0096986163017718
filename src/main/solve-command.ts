import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { Connect4Solver } from '../games/index.ts';
import { defaultOpeningBookPath, readOpeningBook } from './opening-book-file.ts';
import { UsageError } from './usage-error.ts';

//
// `parlor solve`: the Connect Four solver from the command line. One position as an argument,
// or one per line on stdin (Pons' benchmark files work as they are: fields after the position
// are ignored), each answered as soon as it is solved.
//

/** One line for `parlor --help`. */
export const SOLVE_SUMMARY = 'Solve Connect Four positions: the exact score, or the score of each column.';

/** `parlor solve --help`. */
export const solveHelp = (): string =>
  [
    'Usage: parlor solve [OPTIONS] [POSITION]',
    '',
    SOLVE_SUMMARY,
    'POSITION is the columns played from the empty board, 1-7 ("4453"; "" is the empty board).',
    'Without POSITION, reads one position per line on stdin ("POSITION [ignored fields...]") and',
    'prints "POSITION SCORE" for each as soon as it is solved.',
    '',
    "The score is for the player to move (Pascal Pons' convention): 22 - k for a win with their",
    "k-th stone, k - 22 for a loss to the opponent's k-th stone, 0 for a draw.",
    '',
    'Options:',
    '  --columns          The score of playing each column 1-7 instead ("-" for a full column)',
    '  --weak             Only the outcome: 1 win, 0 draw, -1 loss (faster far from the end)',
    '  --json             One JSON object per position: {"position", "score"} or {"position", "columns"}',
    '  --book FILE        Opening book to use (default: the one shipped with Parlor)',
    '  --no-book          Search every position, even those the book knows',
    `  --table-bits N     Transposition table of 2^N slots (${Connect4Solver.MIN_TABLE_BITS}-${Connect4Solver.MAX_TABLE_BITS}, 4 bytes each; default ${Connect4Solver.DEFAULT_TABLE_BITS})`,
    '  -h, --help         Show this help',
    '',
    'An invalid position is reported on stderr (with --json: as {"position", "error"} on stdout)',
    'and the other lines go on; the exit code is then 1.',
  ].join('\n');

interface SolveIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

/** What to print for one position, or why it cannot be solved. */
type Answer =
  | { readonly ok: true; readonly score: number; readonly columns?: undefined }
  | { readonly ok: true; readonly columns: (number | null)[]; readonly score?: undefined }
  | { readonly ok: false; readonly error: string };

/** Runs `parlor solve ARGS`; returns the exit code. Throws UsageError for a bad command line. */
export async function runSolve(args: string[], io: SolveIo): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(args);
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (see: parlor solve --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(`${solveHelp()}\n`);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError('give at most one POSITION (see: parlor solve --help)');
  const tableBits = values['table-bits'] === undefined ? undefined : Number(values['table-bits']);
  if (
    tableBits !== undefined &&
    (!Number.isInteger(tableBits) ||
      tableBits < Connect4Solver.MIN_TABLE_BITS ||
      tableBits > Connect4Solver.MAX_TABLE_BITS)
  ) {
    throw new UsageError(
      `--table-bits must be an integer from ${Connect4Solver.MIN_TABLE_BITS} to ${Connect4Solver.MAX_TABLE_BITS}`,
    );
  }
  let book: Connect4Solver.OpeningBook | undefined;
  if (values.book !== undefined && values['no-book']) throw new UsageError('--book and --no-book contradict');
  if (!values['no-book']) {
    const path = values.book ?? defaultOpeningBookPath();
    if (path !== undefined) {
      const read = readOpeningBook(path);
      if (read.ok) book = read.book;
      else if (values.book !== undefined) throw new UsageError(read.reason);
      else io.stderr.write(`parlor solve: not using the opening book: ${read.reason}\n`);
    }
  }
  const solver = Connect4Solver.createSolver({
    ...(tableBits === undefined ? {} : { tableBits }),
    ...(book === undefined ? {} : { book }),
  });
  const weak = values.weak === true;

  const answer = (text: string): Answer => {
    const position = Connect4Solver.parseSolverPosition(text);
    if (!position.ok) return { ok: false, error: position.error.message };
    return values.columns
      ? { ok: true, columns: solver.analyze(position.value, { weak }) }
      : { ok: true, score: solver.solve(position.value, { weak }) };
  };
  const show = (text: string, result: Answer & { ok: true }, withPosition: boolean): string => {
    if (values.json) {
      return JSON.stringify(
        result.columns === undefined
          ? { position: text, score: result.score }
          : { position: text, columns: result.columns },
      );
    }
    const value =
      result.columns === undefined ? String(result.score) : result.columns.map((s) => s ?? '-').join(' ');
    return withPosition ? `${text} ${value}` : value;
  };

  if (positionals.length === 1) {
    const text = positionals[0]!;
    const result = answer(text);
    if (!result.ok) throw new UsageError(`invalid position ${JSON.stringify(text)}: ${result.error}`);
    io.stdout.write(`${show(text, result, false)}\n`);
    return 0;
  }

  // A reader that stops early (`parlor solve < file | head`) closes the pipe: stop quietly.
  let closed = false;
  io.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  let failed = 0;
  let lineNumber = 0;
  const lines = createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (closed) {
      lines.close();
      break;
    }
    lineNumber++;
    const text = line.trim().split(/\s+/)[0] ?? '';
    const result = answer(text);
    if (result.ok) io.stdout.write(`${show(text, result, true)}\n`);
    else {
      failed++;
      if (values.json) io.stdout.write(`${JSON.stringify({ position: text, error: result.error })}\n`);
      else
        io.stderr.write(
          `parlor solve: line ${lineNumber}: invalid position ${JSON.stringify(text)}: ${result.error}\n`,
        );
    }
  }
  return failed === 0 ? 0 : 1;
}

function parseOptions(args: string[]) {
  return parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      columns: { type: 'boolean' },
      weak: { type: 'boolean' },
      json: { type: 'boolean' },
      book: { type: 'string' },
      'no-book': { type: 'boolean' },
      'table-bits': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
