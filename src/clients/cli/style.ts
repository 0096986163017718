import pc from 'picocolors';
import type { TextStyle } from '../../textmode/index.ts';

/** Text-mode decorations in colour, or none at all when `enabled` is false (output not a terminal). */
export const terminalStyle = (enabled: boolean): TextStyle => {
  const colors = pc.createColors(enabled);
  return {
    nick: colors.cyan,
    room: colors.magenta,
    notice: colors.dim,
    error: colors.red,
    private: colors.yellow,
  };
};

/** True when colours should be used on `output`: a terminal, and not turned off (NO_COLOR). */
export const wantsColour = (output: NodeJS.WriteStream): boolean =>
  output.isTTY === true && pc.isColorSupported;
