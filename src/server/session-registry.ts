import { nickKey } from '../protocol/index.ts';
import type { Session } from './session.ts';

/** Every open session, by id, by nickname (case-insensitive) and by address. */
export class SessionRegistry {
  readonly #byId = new Map<string, Session>();
  readonly #byNick = new Map<string, Session>();
  readonly #perAddress = new Map<string, number>();

  /** Open sessions, named or not. */
  get size(): number {
    return this.#byId.size;
  }

  /** Sessions open from `address`. */
  countFrom(address: string): number {
    return this.#perAddress.get(address) ?? 0;
  }

  add(session: Session): void {
    this.#byId.set(session.id, session);
    const address = session.connection.remoteAddress;
    this.#perAddress.set(address, this.countFrom(address) + 1);
  }

  remove(session: Session): void {
    if (!this.#byId.delete(session.id)) return;
    if (session.nick !== null && this.#byNick.get(nickKey(session.nick)) === session) {
      this.#byNick.delete(nickKey(session.nick));
    }
    const address = session.connection.remoteAddress;
    const left = this.countFrom(address) - 1;
    if (left > 0) this.#perAddress.set(address, left);
    else this.#perAddress.delete(address);
  }

  /** The session holding a nickname, compared without regard to case. */
  byNick(nick: string): Session | undefined {
    return this.#byNick.get(nickKey(nick));
  }

  /** Gives `session` the nickname `nick`, releasing its previous one. The caller checked it is free. */
  rename(session: Session, nick: string): void {
    if (session.nick !== null) this.#byNick.delete(nickKey(session.nick));
    session.nick = nick;
    this.#byNick.set(nickKey(nick), session);
  }

  /** Every open session. */
  all(): IterableIterator<Session> {
    return this.#byId.values();
  }

  /** Every session with a nickname. */
  named(): IterableIterator<Session> {
    return this.#byNick.values();
  }
}
