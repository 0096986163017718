/**
 * The terminal client (`parlor play`, J1): a line-editing chat REPL that mirrors text mode.
 * May import the client library, the Node links, the protocol and text mode (through their
 * index.ts); nothing of the server.
 */

import { tcpLink, wsLink } from '../node/index.ts';
import { ClientErrorCode, ParlorClient, ParlorError } from '../sdk/index.ts';
import { runPlaySession } from './play-session.ts';
import { terminalStyle, wantsColour } from './style.ts';

/** How `parlor play` was asked to run. */
export interface PlayOptions {
  readonly host: string;
  readonly port: number;
  /** A `ws://` or `wss://` URL to connect over WebSocket; undefined connects over TCP to host:port. */
  readonly url: string | undefined;
  /** Nickname to take on connecting; undefined lets the user choose with /nick. */
  readonly nick: string | undefined;
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WriteStream;
  /** Where a failure to start is reported. @default process.stderr */
  readonly errorOutput?: NodeJS.WritableStream;
}

const CLIENT_NAME = 'parlor-play';

const startupMessage = (error: unknown, target: string): string => {
  if (error instanceof ParlorError && error.code === ClientErrorCode.CLIENT_UNREACHABLE) {
    const sentence = error.message.charAt(0).toLowerCase() + error.message.slice(1);
    return `${sentence}. Is it running? Start one with: parlor serve`;
  }
  const detail = error instanceof ParlorError ? `${error.message} (${error.code})` : String(error);
  return `could not connect to the Parlor server at ${target}: ${detail}`;
};

/**
 * Runs `parlor play` until the user quits or the connection is lost. Returns the exit code: 0
 * after quitting, 1 when the server cannot be reached or goes away. Never throws for those.
 */
export const runPlay = async (options: PlayOptions): Promise<number> => {
  const target = options.url ?? `${options.host}:${options.port}`;
  const open = options.url === undefined ? tcpLink(options.host, options.port) : wsLink(options.url);
  let client: ParlorClient;
  try {
    client = await ParlorClient.connect(open, { client: CLIENT_NAME });
  } catch (error) {
    (options.errorOutput ?? process.stderr).write(`parlor play: ${startupMessage(error, target)}\n`);
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
