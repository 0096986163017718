import type { ServerMessage } from '../../protocol/index.ts';
import { type TextStyle, TextView } from '../../textmode/index.ts';
import type { ParlorClient } from '../sdk/index.ts';
import { ConnectionNotices } from './connection-notices.ts';
import { Replay } from './replay.ts';
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
 * the server's text mode (same parser, same rendering), and every server message is printed. A
 * lost connection is retried by the client library (B4): the session says so and carries on;
 * typed messages are refused meanwhile. Resolves with the exit code: 0 after quitting (`/quit`,
 * Ctrl-C, end of input, even while reconnecting), 1 when the client gives up (e.g. `BANNED`).
 *
 * The answer to a `/replay ID` typed here opens a replay (replay.ts): typed lines step through the
 * match (Enter or `n`, `p`, `e`) until `q` or a slash command leaves it.
 */
export const runPlaySession = (client: ParlorClient, options: PlaySessionOptions): Promise<number> =>
  new Promise((resolve) => {
    const view = new TextView(options.style);
    let quitting = false;
    /** Ids of the `record.get` requests typed as `/replay`: their answer opens a replay. */
    const replayRequests = new Set<number | string>();
    let replay: Replay | undefined;
    const prompt = (): string => replay?.prompt ?? `#${view.currentRoom}> `;

    const quit = (message?: string): void => {
      if (quitting || client.isClosed) return;
      quitting = true;
      void client.quit(message, { timeoutMs: QUIT_TIMEOUT_MS });
    };

    const onLine = (typed: string): void => {
      if (quitting || client.isClosed) return;
      let line = typed;
      if (replay !== undefined) {
        // A step of the replay; a slash command leaves it and then runs as usual.
        const answer = replay.handle(typed, options.style);
        if (answer.done) replay = undefined;
        terminal.setPrompt(prompt());
        terminal.print(answer.lines);
        if (answer.line === undefined) {
          terminal.prompt();
          return;
        }
        line = answer.line;
      }
      const input = view.input(line);
      switch (input.kind) {
        case 'request': {
          const { request } = input;
          if (request.type === 'quit') quit(request.data.message);
          else if (client.state === 'connected') {
            const id = client.sendMessage(request);
            if (request.type === 'record.get') replayRequests.add(id);
          } else terminal.print([options.style.error('! Not connected (reconnecting…); not sent.')]);
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
      const asked = message.re !== undefined && replayRequests.delete(message.re);
      if (asked && message.type === 'record.match') {
        const opened = Replay.of(message.data.record);
        if (opened !== undefined) {
          replay = opened;
          terminal.setPrompt(prompt());
          terminal.print(opened.intro(options.style));
          return;
        }
      }
      const lines = view.output(message);
      terminal.setPrompt(prompt());
      // The connection notices say it (text mode's line offers a token to type, needless here).
      if (message.type !== 'session.resumed') terminal.print(lines);
    };
    client.onAny(show);
    const notices = new ConnectionNotices(options.style);
    client.onState((event) => terminal.print(notices.lines(event)));
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

    terminal.setPrompt(prompt());
    const hint =
      options.nick === undefined ? ' Choose a nickname with /nick NAME (/help lists the commands).' : '';
    terminal.print([
      options.style.notice(`* Connected to ${client.welcome.server} at ${options.target}.${hint}`),
    ]);
    if (options.nick !== undefined) client.send('nick.set', { nick: options.nick });
    terminal.prompt();
  });
