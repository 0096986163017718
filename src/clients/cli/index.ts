/**
 * The terminal client (`parlor play`, J1): a line-editing chat REPL that mirrors text mode.
 * May import the client library, the Node links, the protocol and text mode (through their
 * index.ts); nothing of the server.
 */

import { type ClientTlsOptions, tcpLink, wsLink } from '../node/index.ts';
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
  /** Connect over TLS (TCP) with these certificate checks; for WebSocket, use a wss:// URL. */
  readonly tls?: ClientTlsOptions;
}

const CLIENT_NAME = 'parlor-play';

const startupMessage = (error: unknown, target: string): string => {
  if (error instanceof ParlorError && error.code === ClientErrorCode.CLIENT_UNREACHABLE) {
    const sentence = error.message.charAt(0).toLowerCase() + error.message.slice(1);
    // Only a refused or unanswered connection suggests that no server runs there.
    const down = /connection refused|timed out/.test(error.message);
    return down ? `${sentence}. Is it running? Start one with: parlor serve` : sentence;
  }
  const detail = error instanceof ParlorError ? `${error.message} (${error.code})` : String(error);
  return `could not connect to the Parlor server at ${target}: ${detail}`;
};

/**
 * Runs `parlor play` until the user quits. A connection lost later is retried with backoff until
 * it is back (or Ctrl-C); the first connection is not: an unreachable server at start is one clear
 * line and exit code 1, since a mistyped address should not look like a server that is down.
 * Returns the exit code: 0 after quitting, 1 when the server cannot be reached at start or ends
 * the session for good (e.g. `BANNED`). Never throws for those.
 */
export const runPlay = async (options: PlayOptions): Promise<number> => {
  const target = options.url ?? `${options.host}:${options.port}`;
  const tlsOptions = options.tls ?? {};
  const open =
    options.url === undefined
      ? tcpLink(options.host, options.port, options.tls ? { tls: options.tls } : {})
      : wsLink(options.url, tlsOptions);
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
