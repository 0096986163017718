import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROPERTY_SEED } from '../contract.ts';
import type { Seat } from '../game.ts';
import { GameErrorCode } from '../game-error.ts';
import { connect4 } from './index.ts';
import { makeMove, makeMoveText, makePosition, parseMove, parseMoveText, parsePosition } from './notation.ts';
import { COLUMNS, type Connect4State, mirrorColumn } from './rules.ts';

// Random games from a seeded fast-check: `choices[i]` picks the i-th move among the legal ones.
// A failure prints the seed and the shrunk choices; rerun with { seed, path } to reproduce.
const params = { seed: PROPERTY_SEED, numRuns: 300 };
const choices = fc.array(fc.nat(), { minLength: 42, maxLength: 42 });

/** Every state of a random game, from the empty board to its end. */
function randomGame(picks: readonly number[], firstSeat: Seat = 0): Connect4State[] {
  const created = connect4.create({ firstSeat: firstSeat as 0 | 1, position: '' }, 0);
  if (!created.ok) throw new Error(created.error.message);
  const states = [created.value];
  for (let state = created.value; connect4.outcome(state) === undefined; ) {
    const legal = connect4.legalMoves(state);
    const played = connect4.play(
      state,
      connect4.toMove(state)!,
      legal[picks[state.board.plies]! % legal.length]!,
    );
    if (!played.ok) throw new Error(played.error.message);
    state = played.value;
    states.push(state);
  }
  return states;
}

describe('Connect4 random games (properties)', () => {
  it('fill exactly one cell per move, stacked from the bottom of each column', () => {
    fc.assert(
      fc.property(choices, (picks) => {
        randomGame(picks).forEach((state, ply) => {
          const { rows } = connect4.view(state, 'spectator');
          const filled = rows.flat().filter((seat) => seat !== null).length;
          // Gravity: reading a column from the bottom, no stone comes after an empty cell.
          const floating = COLUMNS.some((_, c) =>
            rows.some((row, r) => row[c] !== null && rows[r + 1]?.[c] === null),
          );
          expect([filled, state.board.plies, makePosition(state).length, floating]).toEqual([
            ply,
            ply,
            ply,
            false,
          ]);
        });
      }),
      params,
    );
  });

  it('accept no move after the end, from either seat, in any column', () => {
    fc.assert(
      fc.property(choices, (picks) => {
        const end = randomGame(picks).at(-1)!;
        expect(connect4.outcome(end)).toBeDefined();
        for (const column of COLUMNS) {
          for (const seat of [0, 1]) {
            expect(connect4.play(end, seat, { column })).toMatchObject({
              ok: false,
              error: { code: GameErrorCode.GAME_OVER },
            });
          }
        }
      }),
      params,
    );
  });

  it('end the same way when every move is mirrored (column c ↔ 8 − c)', () => {
    fc.assert(
      fc.property(choices, (picks) => {
        const end = randomGame(picks).at(-1)!;
        const mirrored = parsePosition(
          [...makePosition(end)].map((c) => mirrorColumn(Number(c) as 1)).join(''),
        );
        expect(mirrored.ok).toBe(true);
        if (!mirrored.ok) return;
        expect(mirrored.value.outcome).toEqual(end.outcome);
        const rows = connect4.view(end, 'spectator').rows;
        expect(connect4.view(mirrored.value, 'spectator').rows).toEqual(
          rows.map((row) => [...row].reverse()),
        );
      }),
      params,
    );
  });

  it('end with the other seat winning when the other seat moved first', () => {
    fc.assert(
      fc.property(choices, (picks) => {
        const a = randomGame(picks, 0).at(-1)!.outcome!;
        const b = randomGame(picks, 1).at(-1)!.outcome!;
        expect(b).toEqual(a.winner === null ? a : { ...a, winner: 1 - a.winner });
      }),
      params,
    );
  });

  it('read back every position they pass through from its notation, identical', () => {
    fc.assert(
      fc.property(choices, fc.constantFrom(0, 1), (picks, firstSeat) => {
        for (const state of randomGame(picks, firstSeat)) {
          expect(parsePosition(makePosition(state), firstSeat)).toStrictEqual({ ok: true, value: state });
        }
      }),
      { ...params, numRuns: 100 },
    );
  });
});

describe('Connect4 move codecs (round trip)', () => {
  it('read back every column from its JSON and text forms', () => {
    for (const column of COLUMNS) {
      expect(parseMove(JSON.parse(JSON.stringify(makeMove({ column }))))).toEqual({
        ok: true,
        value: { column },
      });
      expect(parseMoveText(makeMoveText({ column }))).toEqual({ ok: true, value: { column } });
    }
  });

  it('never throw on arbitrary input, and read back whatever they accept (property)', () => {
    fc.assert(
      fc.property(fc.anything(), fc.string(), (raw, text) => {
        const parsed = parseMove(raw);
        if (parsed.ok) expect(parseMove(makeMove(parsed.value))).toEqual(parsed);
        const typed = parseMoveText(text);
        if (typed.ok) expect(parseMoveText(makeMoveText(typed.value))).toEqual(typed);
        const position = parsePosition(text);
        if (position.ok) expect(makePosition(position.value)).toBe(text);
      }),
      { ...params, numRuns: 1000 },
    );
  });
});
