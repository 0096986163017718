import { LOBBY, type ServerMessage } from '../protocol/index.ts';
import { helpLines } from './commands.ts';
import { parseTextLine } from './parse-line.ts';
import { plainStyle, renderTextLines, type TextStyle } from './render.ts';
import type { TextInput } from './text-input.ts';

/**
 * The state a human's text session needs on top of the protocol: the current room, the nickname
 * and whether a bare `/pseudo` is waiting for its name. Used by the server's text mode and by the
 * terminal client.
 */
export class TextView {
  readonly #style: TextStyle;
  #nick: string | null = null;
  #currentRoom = LOBBY;
  #awaitingNick = false;
  /** Players of the matches this session follows, so that boards can name them. */
  readonly #matchPlayers = new Map<string, readonly string[]>();
  /** Users last seen away, so that their next state reads "back". */
  readonly #away = new Set<string>();

  constructor(style: TextStyle = plainStyle) {
    this.#style = style;
  }

  get nick(): string | null {
    return this.#nick;
  }

  get currentRoom(): string {
    return this.#currentRoom;
  }

  /** Takes the nickname of a resumed session (its replayed messages are shown from its side). */
  adoptNick(nick: string): void {
    this.#nick = nick;
  }

  /** Interprets one typed line. */
  input(line: string): TextInput {
    const parsed = parseTextLine(line, { currentRoom: this.#currentRoom, awaitingNick: this.#awaitingNick });
    this.#awaitingNick = parsed.kind === 'ask-nick';
    return parsed;
  }

  /** Lines to show for a server message, after updating the view's state from it. */
  output(message: ServerMessage): string[] {
    let returning = false;
    switch (message.type) {
      case 'nick.accepted':
        this.#nick = message.data.nick;
        break;
      case 'session.resumed':
        this.#nick = message.data.nick;
        break;
      case 'account.logged_in':
        this.#nick = message.data.nick;
        break;
      case 'room.joined':
        this.#currentRoom = message.data.room;
        break;
      case 'room.left':
        if (message.data.room === this.#currentRoom) this.#currentRoom = LOBBY;
        break;
      case 'user.state':
        if (message.data.state === 'away') this.#away.add(message.data.nick);
        else returning = this.#away.delete(message.data.nick);
        break;
      case 'room.member_left':
        this.#away.delete(message.data.nick);
        break;
      case 'match.started':
      case 'match.state':
        this.#matchPlayers.set(message.data.match.id, message.data.match.players);
        break;
      case 'match.ended':
      case 'match.unwatched':
        this.#matchPlayers.delete(message.data.match);
        break;
    }
    return renderTextLines(
      message,
      { nick: this.#nick, currentRoom: this.#currentRoom, matchPlayers: this.#matchPlayers, returning },
      this.#style,
    );
  }

  /** The `/help` lines. */
  help(): string[] {
    return helpLines();
  }
}
