/**
 * The terminal client (`parlor play`, J1): a line-editing chat REPL that mirrors text mode.
 * May import the client library, the Node links, the protocol and text mode (through their
 * index.ts); nothing of the server.
 */

import { describeConnectFailure, linkTo, type ServerTarget } from '../node/index.ts';
import { ParlorClient } from '../sdk/index.ts';
import { runPlaySession } from './play-session.ts';
import { terminalStyle, wantsColour } from './style.ts';

/** How `parlor play` was asked to run. */
export interface PlayOptions extends ServerTarget {
  /** Nickname to take on connecting; undefined lets the user choose with /nick. */
  readonly nick: string | undefined;
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WriteStream;
  /** Where a failure to start is reported. @default process.stderr */
  readonly errorOutput?: NodeJS.WritableStream;
}

const CLIENT_NAME = 'parlor-play';

/**
 * Runs `parlor play` until the user quits. A connection lost later is retried with backoff until
 * it is back (or Ctrl-C); the first connection is not: an unreachable server at start is one clear
 * line and exit code 1, since a mistyped address should not look like a server that is down.
 * Returns the exit code: 0 after quitting, 1 when the server cannot be reached at start or ends
 * the session for good (e.g. `BANNED`). Never throws for those.
 */
export const runPlay = async (options: PlayOptions): Promise<number> => {
  const { open, where: target } = linkTo(options);
  let client: ParlorClient;
  try {
    client = await ParlorClient.connect(open, { client: CLIENT_NAME });
  } catch (error) {
    (options.errorOutput ?? process.stderr).write(`parlor play: ${describeConnectFailure(error, target)}\n`);
    return 1;
  }
  const style = terminalStyle(wantsColour(options.output));
  return runPlaySession(client, {
    input: options.input,
    output: options.output,
    style,
    nick: options.nick,
    target,
  });
};
