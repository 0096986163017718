import type { SolverThread } from '../analysis/index.ts';
import { reject } from '../server/index.ts';
import { type ComputerOptions, ComputerPlayer } from './computer-player.ts';
import { busyMessage } from './lobby-handlers.ts';
import type { MatchHost } from './match-host.ts';
import { isRejection, matchSpecOf } from './match-spec.ts';

/** `computer.play` (G2): a match against the computer, at once, no challenge to accept. */
export const registerComputerHandlers = (
  host: MatchHost,
  solver: SolverThread,
  options: ComputerOptions,
): void => {
  host.server.handle('computer.play', (session, request) => {
    if (!host.isFree(session)) return reject('PLAYER_BUSY', busyMessage);
    const spec = matchSpecOf(request.data, false);
    if (isRejection(spec)) return spec;
    if (spec.game.id !== 'connect4') {
      return reject('GAME_UNKNOWN', `The computer plays Connect Four only, not ${spec.game.name}.`);
    }
    const computer = new ComputerPlayer(request.data.level ?? 'medium', host, solver, options);
    // The requester is seat 0, as a challenger is: `firstSeat` 0 means "I start".
    const started = host.start(spec, [session, computer], { session, request });
    return isRejection(started) ? started : undefined;
  });
};
