import type pc from 'picocolors';
import { Connect4 } from '../../games/index.ts';

/** The colour functions of picocolors (`pc.createColors(true)` in the terminal). */
export type Colors = ReturnType<typeof pc.createColors>;

/** A cell of `Connect4View.rows`: the row index (0 = top) and the column index (0 = left). */
interface At {
  readonly row: number;
  readonly column: number;
}

const isSeatOrNull = (value: unknown): boolean => value === null || typeof value === 'number';

/** Whether a view from the server has the shape of a Connect Four view (it is untrusted JSON). */
export const isConnect4View = (view: unknown): view is Connect4.Connect4View => {
  if (typeof view !== 'object' || view === null) return false;
  const v = view as Record<string, unknown>;
  return (
    Array.isArray(v.rows) &&
    v.rows.length > 0 &&
    v.rows.every(
      (row) => Array.isArray(row) && row.length === Connect4.COLUMNS.length && row.every(isSeatOrNull),
    ) &&
    typeof v.moves === 'string' &&
    typeof v.firstSeat === 'number' &&
    Array.isArray(v.winningCells) &&
    Array.isArray(v.legalColumns) &&
    (v.outcome === null || typeof v.outcome === 'object')
  );
};

/** The cell of the last stone dropped: the top stone of the last column of `moves`. */
export const lastDropped = (view: Connect4.Connect4View): At | undefined => {
  const column = Number(view.moves.at(-1)) - 1;
  if (!Number.isInteger(column) || column < 0 || column >= Connect4.COLUMNS.length) return undefined;
  const row = view.rows.findIndex((cells) => cells[column] !== null && cells[column] !== undefined);
  return row === -1 ? undefined : { row, column };
};

/**
 * The Connect Four board of `plain` in colour: the first player's discs red, the second's yellow,
 * a blue frame, the last stone dropped in inverse video (and its column number in bold), and once
 * someone won, the winning four in inverse video with the last stone also underlined. The status
 * line under the board (whose turn, "your move", the result) stays, its marks coloured alike.
 * Without its escape codes the text is `plain`, character for character; a `plain` that is not
 * the board of `view` comes back as it is.
 */
export const colourConnect4 = (colors: Colors, view: Connect4.Connect4View, plain: string): string => {
  const board = Connect4.renderBoard(view);
  if (!plain.startsWith(board)) return plain;
  const marks = Connect4.defaultMarks(view.firstSeat);
  const discOf = (mark: string): string =>
    colors.bold(mark === marks[view.firstSeat] ? colors.red(mark) : colors.yellow(mark));
  const disc = (seat: number): string => discOf(marks[seat] ?? '?');
  const height = view.rows.length;
  const winning = new Set(view.winningCells.map((cell) => `${height - cell.row}:${cell.column - 1}`));
  const won = winning.size > 0;
  const last = lastDropped(view);
  const frame = colors.blue('|');

  const rows = view.rows.map((cells, row) => {
    const shown = cells.map((seat, column) => {
      if (seat === null) return '.';
      let text = disc(seat);
      const isLast = last?.row === row && last.column === column;
      if (winning.has(`${row}:${column}`)) text = colors.inverse(text);
      if (isLast) text = won ? colors.underline(text) : colors.inverse(text);
      return text;
    });
    return `${frame}${shown.join(' ')}${frame}`;
  });
  const rule = colors.blue(`+${'-'.repeat(Connect4.COLUMNS.length * 2 - 1)}+`);
  const numbers = ` ${Connect4.COLUMNS.map((c) => (last?.column === c - 1 ? colors.bold(String(c)) : String(c))).join(' ')}`;

  const status = plain
    .slice(board.length)
    // "X (seat 0) to move" or "alice (X) to move": the first player is always X.
    .replace(/\b[XO](?= \(seat \d+\))|(?<=\()[XO](?=\))/g, (mark) => discOf(mark))
    .replace(/, your move/, (text) => colors.bold(text))
    .replace(/wins with four in a row\./, (text) => colors.bold(text));
  return [...rows, rule, numbers].join('\n') + status;
};

/** The `TextStyle.board` hook of the terminal in colour: Connect Four in colour, other games plain. */
export const colourBoard =
  (colors: Colors) =>
  (game: string, view: unknown, plain: string): string =>
    game === 'connect4' && isConnect4View(view) ? colourConnect4(colors, view, plain) : plain;
