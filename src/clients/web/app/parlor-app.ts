import type { ClientData } from '../../../protocol/index.ts';
import {
  type ConnectionEvent,
  impairedLink,
  type LinkFactory,
  ParlorClient,
  ParlorError,
  type RequestType,
  webSocketLink,
} from '../../sdk/index.ts';
import { debugFromQuery, impairmentFromQuery } from './page-flags.ts';
import { RealtimeMatches } from './realtime-matches.ts';
import { applyMessage, openTab, setConnection, toast } from './reduce.ts';
import { forgetSession, loadSession, saveSession } from './saved-session.ts';
import { Store } from './store.ts';
import type { TankStream } from './tank-stream.ts';

/** The WebSocket endpoint of the server that served the page. */
export function serverUrl(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

/** How a login ended: in, or why not (shown on the login screen). */
export type LoginResult = { readonly ok: true } | { readonly ok: false; readonly message: string };

/**
 * The browser client's one connection to Parlor and every action a screen can take. Server
 * messages fold into `store` (reduce.ts); a refused request becomes an error toast, so screens
 * just call the action.
 */
export class ParlorApp {
  readonly store = new Store();
  /** Whether screens expose test handles (`?debug=1`, page-flags.ts). */
  readonly debug: boolean;
  readonly #link: () => LinkFactory;
  #client: ParlorClient | undefined;
  #realtime: RealtimeMatches | undefined;

  constructor(link: () => LinkFactory, options: { readonly debug?: boolean } = {}) {
    this.#link = link;
    this.debug = options.debug ?? false;
  }

  /**
   * A client for the page's own server, over the browser's WebSocket; slowed down and lossy if
   * the page's query asks for it (`?lag=100&loss=0.02`, page-flags.ts).
   */
  static forPage(location: Location): ParlorApp {
    const impairment = impairmentFromQuery(location.search);
    const link = () => webSocketLink(serverUrl(location), WebSocket);
    return new ParlorApp(impairment === undefined ? link : () => impairedLink(link(), impairment), {
      debug: debugFromQuery(location.search),
    });
  }

  get client(): ParlorClient | undefined {
    return this.#client;
  }

  /** Takes back the session saved before a page reload, if the server still holds it. */
  async resumeSaved(): Promise<boolean> {
    const saved = loadSession();
    if (saved === null) return false;
    const client = this.#newClient({ resume: { token: saved.token } });
    try {
      await client.start();
    } catch {
      return false;
    }
    if (!client.sessionResumed) {
      // The server forgot the session (restart, or the grace period is over): log in again.
      client.close('The saved session is gone.');
      forgetSession();
      return false;
    }
    this.#connected(client);
    return true;
  }

  /** Connects with `nick` (a guest), or logs in to the registered `nick` with `password`. */
  async login(nick: string, password: string): Promise<LoginResult> {
    const client = this.#newClient(password === '' ? { nick } : {});
    try {
      await client.start();
      if (password !== '') await client.request('account.login', { nick, password });
    } catch (error) {
      client.close('Login failed.');
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    this.#connected(client);
    return { ok: true };
  }

  // ── Chat (C1–C5) ───────────────────────────────────────────────────────────────────────────

  say(room: string, text: string): void {
    this.#ask('chat.say', { room, text });
  }

  tell(to: string, text: string): void {
    this.#ask('chat.tell', { to, text });
  }

  joinRoom(room: string): void {
    this.#ask('room.join', { room });
  }

  leaveRoom(room: string): void {
    this.#ask('room.leave', { room });
  }

  setTopic(room: string, topic: string): void {
    this.#ask('room.topic', { room, topic });
  }

  /** Opens (or shows) the private conversation with `nick`. */
  openPrivate(nick: string): void {
    this.store.update((s) => openTab(s, `pm:${nick}`, true));
  }

  // ── Finding a game (E1–E4) ─────────────────────────────────────────────────────────────────

  challenge(data: ClientData<'challenge.send'>): void {
    this.#ask('challenge.send', data);
  }

  accept(from: string): void {
    this.#ask('challenge.accept', { from });
  }

  decline(from: string, reason = ''): void {
    this.#ask('challenge.decline', reason === '' ? { from } : { from, reason });
  }

  cancel(to?: string): void {
    this.#ask('challenge.cancel', to === undefined ? {} : { to });
  }

  joinQueue(data: ClientData<'queue.join'>): void {
    this.#ask('queue.join', data);
  }

  leaveQueue(): void {
    this.#ask('queue.leave', {});
  }

  createPrivate(data: ClientData<'match.create'>): void {
    this.#ask('match.create', data);
  }

  joinByCode(code: string): void {
    this.#ask('match.join', { code: code.trim() });
  }

  playComputer(data: ClientData<'computer.play'>): void {
    this.#ask('computer.play', data);
  }

  // ── Playing and watching (E5, E6, F2) ──────────────────────────────────────────────────────

  move(match: string, version: number, move: { column: number } | { text: string }): void {
    this.#ask(
      'match.move',
      'column' in move ? { match, version, move } : { match, version, text: move.text },
    );
  }

  resign(match: string): void {
    this.#ask('match.resign', { match });
  }

  rematch(match: string): void {
    this.#ask('match.rematch', { match });
  }

  watch(match: string): void {
    this.#ask('match.watch', { match });
  }

  unwatch(match: string): void {
    this.#ask('match.unwatch', { match });
  }

  listMatches(): void {
    this.#ask('match.list', {});
  }

  /** The live stream of real-time match `id` (snapshots, prediction), if this client follows it. */
  tankStream(id: string): TankStream | undefined {
    return this.#realtime?.get(id);
  }

  // ── Tables of real-time games (H3) ─────────────────────────────────────────────────────────

  createTable(data: ClientData<'table.create'>): void {
    this.#ask('table.create', data);
  }

  listTables(): void {
    this.#ask('table.list', { game: 'tanks' });
  }

  joinTable(where: { readonly id: string } | { readonly code: string }): void {
    this.#ask('table.join', 'code' in where ? { code: where.code.trim() } : where);
  }

  leaveTable(): void {
    this.#ask('table.leave', {});
  }

  startTable(): void {
    this.#ask('table.start', {});
  }

  // ── Records and analysis (F3, G3) ──────────────────────────────────────────────────────────

  listRecords(player?: string): void {
    this.#ask('record.list', player === undefined || player === '' ? { limit: 50 } : { player, limit: 50 });
  }

  openRecord(id: string): void {
    this.#ask('record.get', { id });
  }

  /** Asks the solver for the score of each column of `position` (columns played from the empty board). */
  analyze(position: string): Promise<void> {
    return this.#ask('analysis.get', { position });
  }

  // ── Operators (D1) ─────────────────────────────────────────────────────────────────────────

  operLogin(secret: string): void {
    this.#ask('oper.login', { secret });
  }

  operList(): void {
    this.#ask('oper.list', {});
  }

  suspend(data: ClientData<'oper.suspend'>): void {
    this.#ask('oper.suspend', data).then(() => this.operList());
  }

  ban(data: ClientData<'oper.ban'>): void {
    this.#ask('oper.ban', data).then(() => this.operList());
  }

  forgive(target: string): void {
    this.#ask('oper.forgive', { target }).then(() => this.operList());
  }

  kick(data: ClientData<'oper.kick'>): void {
    this.#ask('oper.kick', data).then(() => this.operList());
  }

  /** Leaves for good: says goodbye and forgets the saved session. */
  async quit(): Promise<void> {
    forgetSession();
    await this.#client?.quit('Left from the browser.');
  }

  // ── Internals ──────────────────────────────────────────────────────────────────────────────

  #newClient(options: ConstructorParameters<typeof ParlorClient>[1]): ParlorClient {
    this.#client?.close('Replaced.');
    const client = new ParlorClient(this.#link(), { client: 'parlor-web/1', ...options });
    // Before onAny, so that a match's stream exists when its tab first renders.
    this.#realtime = new RealtimeMatches(client, () => performance.now());
    client.onAny((message) => this.store.update((s) => applyMessage(s, message, Date.now())));
    client.onState((event) => this.#onState(client, event));
    // Players are not sent the lobby's state changes during a match: catch up once it is over.
    client.on('match.ended', () => this.#ask('user.list', {}));
    return client;
  }

  #connected(client: ParlorClient): void {
    this.#client = client;
    this.store.update((s) => setConnection(s, 'connected'));
    this.#save(client);
    this.#refresh();
  }

  /** The lists that are not pushed whole: asked for after every (re)connection. */
  #refresh(): void {
    this.#ask('user.list', {});
    this.#ask('game.list', {});
  }

  #save(client: ParlorClient): void {
    if (client.nick !== null) saveSession({ token: client.resumeToken, nick: client.nick });
  }

  #onState(client: ParlorClient, event: ConnectionEvent): void {
    if (client !== this.#client) return;
    switch (event.state) {
      case 'reconnecting': {
        const seconds = Math.max(1, Math.round(event.delayMs / 1000));
        const down = event.code === 'CLIENT_UNREACHABLE';
        const detail = down
          ? `The server is down; trying again in ${seconds} s (attempt ${event.attempt})`
          : `Connection lost; reconnecting in ${seconds} s`;
        this.store.update((s) => setConnection(s, down ? 'down' : 'reconnecting', detail));
        return;
      }
      case 'reconnected':
        this.#save(client);
        this.store.update((s) => setConnection(s, 'connected', `Reconnected (${event.missed} missed)`));
        this.#refresh();
        return;
      case 'session-lost':
        this.store.update((s) => toast(s, `The server lost your session (${event.reason})`, 'error'));
        return;
      case 'connected':
        this.#save(client);
        this.store.update((s) => setConnection(s, 'connected'));
        this.#refresh();
        return;
      case 'closed':
        if (event.info.code !== null) forgetSession();
        this.store.update((s) => setConnection(s, 'closed', event.info.reason));
    }
  }

  /** Sends a request; a refusal or failure becomes an error toast. Resolves either way. */
  #ask<K extends RequestType>(type: K, data: ClientData<K>): Promise<void> {
    const client = this.#client;
    if (client === undefined) return Promise.resolve();
    return client.request(type, data).then(
      () => undefined,
      (error: unknown) => {
        const text = error instanceof ParlorError ? error.message : String(error);
        this.store.update((s) => toast(s, text, 'error'));
      },
    );
  }
}
