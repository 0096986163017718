import type { ServerMessage } from '../../protocol/index.ts';
import { type TextStyle, TextView } from '../../textmode/index.ts';
import type { ParlorClient } from '../sdk/index.ts';
import { Terminal } from './terminal.ts';

/** What a terminal session needs besides its connected client. */
export interface PlaySessionOptions {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WriteStream;
  readonly style: TextStyle;
  /** Nickname to take at once, if any. */
  readonly nick: string | undefined;
  /** Where the client is connected, for the first line. */
  readonly target: string;
}

/** The same prompt the server's text mode shows after a bare `/pseudo`. */
const ASK_NICK = 'Choose a nickname (2 to 12 of A-Z a-z 0-9 _ -):';
/** Time the server gets to answer `quit` with `bye` before the client just closes. */
const QUIT_TIMEOUT_MS = 3000;

/**
 * Runs one interactive session on a connected client: typed lines become requests exactly as in
 * the server's text mode (same parser, same rendering), and every server message is printed.
 * Resolves with the exit code: 0 after quitting (`/quit`, Ctrl-C, end of input), 1 when the
 * connection was lost.
 */
export const runPlaySession = (client: ParlorClient, options: PlaySessionOptions): Promise<number> =>
  new Promise((resolve) => {
    const view = new TextView(options.style);
    let quitting = false;

    const quit = (message?: string): void => {
      if (quitting || client.isClosed) return;
      quitting = true;
      void client.quit(message, { timeoutMs: QUIT_TIMEOUT_MS });
    };

    const onLine = (line: string): void => {
      if (quitting || client.isClosed) return;
      const input = view.input(line);
      switch (input.kind) {
        case 'request': {
          const { request } = input;
          if (request.type === 'quit') quit(request.data.message);
          else client.sendMessage(request);
          break;
        }
        case 'help':
          terminal.print(view.help());
          break;
        case 'ask-nick':
          terminal.print([ASK_NICK]);
          break;
        case 'error':
          terminal.print(
            view.output({ type: 'error', data: { code: input.code, message: input.message, fatal: false } }),
          );
          break;
        case 'nothing':
          break;
      }
      terminal.prompt();
    };

    const terminal = new Terminal(options.input, options.output, {
      line: onLine,
      interrupt: () => quit(),
      end: () => quit(),
    });
    // Ctrl-C reaches readline only on a terminal; with piped input it is a real signal.
    const onSignal = (): void => quit();
    process.on('SIGINT', onSignal);

    const show = (message: ServerMessage): void => {
      // The client library answers pings itself; nothing for a human to see.
      if (message.type === 'ping' || message.type === 'pong') return;
      const lines = view.output(message);
      terminal.setPrompt(`#${view.currentRoom}> `);
      terminal.print(lines);
    };
    client.onAny(show);
    client.onProtocolError((problem) => {
      terminal.print([options.style.error(`! The server sent an invalid message: ${problem.error.message}`)]);
    });
    void client.closed.then((info) => {
      process.off('SIGINT', onSignal);
      if (quitting || info.code === null) {
        terminal.close();
        resolve(0);
      } else {
        terminal.close([options.style.error(`Connection to the server lost: ${info.reason}`)]);
        resolve(1);
      }
    });

    terminal.setPrompt(`#${view.currentRoom}> `);
    const hint =
      options.nick === undefined ? ' Choose a nickname with /nick NAME (/help lists the commands).' : '';
    terminal.print([
      options.style.notice(`* Connected to ${client.welcome.server} at ${options.target}.${hint}`),
    ]);
    if (options.nick !== undefined) client.send('nick.set', { nick: options.nick });
    terminal.prompt();
  });
