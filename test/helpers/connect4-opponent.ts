import type { ServerMessage } from '../../src/protocol/index.ts';
import type { MessageOf } from './games.ts';
import type { RawPeer } from './raw-clients.ts';

// A scripted Connect Four player for the bot tests: it plays a fixed policy whenever it is to move.

/** The parts of a Connect Four view a scripted player looks at. */
export interface ScriptView {
  readonly moves: string;
  readonly toMove: number | null;
  readonly legalColumns: readonly number[];
}

/** The naive policy: the leftmost column that is not full. */
export const leftmost = (view: ScriptView): number => view.legalColumns[0]!;

/** What a scripted game saw: every position in order (versions checked to follow on) and the end. */
export interface ScriptedGame {
  readonly ended: MessageOf<'match.ended'>;
  /** The views after each move, version 1 first. */
  readonly views: ScriptView[];
}

/**
 * Plays match `started` for `peer` with `choose` until it ends: moves with the version, and
 * checks that every update comes in order (each version one more than the last) and that the
 * server refuses nothing. `onUpdate` runs after each update, before `peer` answers it.
 */
export const playScripted = async (
  peer: RawPeer,
  started: MessageOf<'match.started'>,
  choose: (view: ScriptView) => number = leftmost,
  options: {
    timeoutMs?: number;
    onUpdate?: (update: MessageOf<'match.update'>) => void | Promise<void>;
  } = {},
): Promise<ScriptedGame> => {
  const { id, seat } = started.data.match;
  let view = started.data.view as ScriptView;
  let version = started.data.version;
  const views: ScriptView[] = [];
  for (;;) {
    if (view.toMove === seat) {
      peer.json({
        type: 'match.move',
        id: `move-${id}-${version}`,
        data: { move: { column: choose(view) }, version },
      });
    }
    const text = await peer.next(
      (t) => {
        if (!t.startsWith('{')) return false;
        const m = JSON.parse(t) as ServerMessage;
        return (
          ((m.type === 'match.update' || m.type === 'match.ended') && m.data.match === id) ||
          m.type === 'error'
        );
      },
      `the next move or the end of match ${id}`,
      options.timeoutMs ?? 20_000,
    );
    const message = JSON.parse(text) as ServerMessage;
    if (message.type === 'error') throw new Error(`The server refused a move: ${text}`);
    if (message.type === 'match.ended') return { ended: message, views };
    if (message.type !== 'match.update') continue;
    if (message.data.version !== version + 1) {
      throw new Error(`Update ${message.data.version} came after version ${version}`);
    }
    version = message.data.version;
    view = message.data.view as ScriptView;
    views.push(view);
    await options.onUpdate?.(message);
  }
};
