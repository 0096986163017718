import pc from 'picocolors';
import type { TextStyle } from '../../textmode/index.ts';
import { colourBoard } from './board-style.ts';

/**
 * Text-mode decorations in colour, or none at all when `enabled` is false (output not a terminal).
 * In colour, boards are drawn in colour too (board-style.ts); without, they stay plain text.
 */
export const terminalStyle = (enabled: boolean): TextStyle => {
  const colors = pc.createColors(enabled);
  const style: TextStyle = {
    nick: colors.cyan,
    room: colors.magenta,
    notice: colors.dim,
    error: colors.red,
    private: colors.yellow,
  };
  return enabled ? { ...style, board: colourBoard(colors) } : style;
};

/**
 * True when colours should be used on `output`: `NO_COLOR` (set, not empty) turns them off,
 * `FORCE_COLOR` turns them on even into a pipe (`0` or `false`: off), and otherwise a terminal that
 * is not `TERM=dumb` gets them.
 */
export const wantsColour = (output: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean => {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return output.isTTY === true && env.TERM !== 'dumb';
};
