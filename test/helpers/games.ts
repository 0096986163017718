import { expect } from 'vitest';
import {
  type ClientData,
  type ErrorCode,
  parseServerFrame,
  replyTypes,
  type ServerData,
  type ServerMessage,
  type ServerMessageOf,
} from '../../src/protocol/index.ts';
import { connectTcpPeer, connectWsPeer, joinAs, type RawPeer } from './raw-clients.ts';
import type { TestServer } from './server.ts';

// Requests, players and matches for the games tests (test/integration/games-*.test.ts).

/** A request type that has a reply type. */
export type Request = keyof typeof replyTypes;
/** The reply message to a request of type `K`. */
export type Reply<K extends Request> = ServerMessageOf<(typeof replyTypes)[K]>;
/** A server message of type `T`. */
export type MessageOf<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

let lastId = 0;

/** Sends a request and waits for its answer (reply or error); unread messages before it are skipped. */
export const call = async <K extends Request>(
  peer: RawPeer,
  type: K,
  data: ClientData<K>,
): Promise<ServerMessage> => {
  const id = `q${++lastId}`;
  peer.json({ type, id, data });
  const text = await peer.next((t) => t.startsWith('{') && JSON.parse(t).re === id, `the answer to ${type}`);
  const parsed = parseServerFrame(text);
  if (!parsed.ok) throw new Error(`Server sent a frame that breaks the protocol schema: ${text}`);
  return parsed.value;
};

/** Sends a request and returns its reply; throws if it was refused or answered otherwise. */
export const ok = async <K extends Request>(
  peer: RawPeer,
  type: K,
  data: ClientData<K>,
): Promise<Reply<K>> => {
  const answer = await call(peer, type, data);
  if (answer.type !== replyTypes[type]) throw new Error(`${type} was answered ${JSON.stringify(answer)}`);
  return answer as Reply<K>;
};

/** Sends a request that must be refused: the whole error (code and message); throws if it was not. */
export const rejection = async <K extends Request>(
  peer: RawPeer,
  type: K,
  data: ClientData<K>,
): Promise<ServerData<'error'>> => {
  const answer = await call(peer, type, data);
  if (answer.type !== 'error') throw new Error(`${type} was not refused: ${JSON.stringify(answer)}`);
  return answer.data;
};

/** Sends a request that must be refused: the error code; throws if it was not. */
export const refusal = async <K extends Request>(
  peer: RawPeer,
  type: K,
  data: ClientData<K>,
): Promise<ErrorCode> => (await rejection(peer, type, data)).code;

/** Every message of `type` a peer received so far, read or not. */
export const all = <T extends ServerMessage['type']>(peer: RawPeer, type: T): MessageOf<T>[] =>
  peer.received
    .filter((t) => t.startsWith('{'))
    .map((t) => JSON.parse(t) as ServerMessage)
    .filter((m): m is MessageOf<T> => m.type === type);

/** The highest `seq` a peer received so far (what it would resume from). */
export const lastSeqOf = (peer: RawPeer): number =>
  Math.max(0, ...peer.received.filter((t) => t.startsWith('{')).map((t) => JSON.parse(t).seq ?? 0));

/** A JSON player on `server` over WebSocket (default) or TCP that has taken `nick`. */
export const player = async (server: TestServer, nick: string, over: 'ws' | 'tcp' = 'ws'): Promise<RawPeer> =>
  joinAs(over === 'ws' ? await connectWsPeer(server.wsUrl) : await connectTcpPeer(server.tcpPort), nick);

/** A human in text mode on a raw TCP connection to `server`, named `nick`. */
export const textPlayer = async (server: Pick<TestServer, 'tcpPort'>, nick: string): Promise<RawPeer> => {
  const peer = await connectTcpPeer(server.tcpPort);
  peer.line(`/nick ${nick}`);
  await peer.nextLine(`Welcome, ${nick}`);
  return peer;
};

/** `from` challenges `to` (game, options, clock), who accepts: the id and each `match.started` (`first` is the challenger's). */
export const startMatch = async (
  from: RawPeer,
  to: RawPeer,
  toNick: string,
  challenge: Omit<ClientData<'challenge.send'>, 'to'> = {},
) => {
  await ok(from, 'challenge.send', { ...challenge, to: toNick });
  await to.nextMessage('challenge.received');
  const second = await ok(to, 'challenge.accept', {});
  const first = await from.nextMessage('match.started', (m) => m.data.match.id === second.data.match.id);
  return { id: second.data.match.id, first, second };
};

/** `mover` plays Connect Four `column` at `version`; `other` waits to see it. The mover's reply. */
export const move = async (mover: RawPeer, other: RawPeer, column: number, version: number) => {
  const update = await ok(mover, 'match.move', { move: { column }, version });
  expect(update.data.version).toBe(version + 1);
  await other.nextMessage('match.update', (m) => m.data.version === version + 1);
  return update;
};

/** Plays the Connect Four columns of `position` from `version` on, `first` and `second` in turn, each seen by the other. */
export const playMoves = async (first: RawPeer, second: RawPeer, position: string, version = 0) => {
  for (let i = 0; i < position.length; i++) {
    const [mover, other] = i % 2 === 0 ? [first, second] : [second, first];
    await move(mover, other, Number(position[i]), version + i);
  }
};

/** A new connection (JSON) to `server` that asks to resume the session of `token` after `lastSeq`. */
export const resumeOn = async (
  server: TestServer,
  token: string,
  lastSeq: number,
  over: 'ws' | 'tcp' = 'ws',
): Promise<RawPeer> => {
  const back = over === 'ws' ? await connectWsPeer(server.wsUrl) : await connectTcpPeer(server.tcpPort);
  back.json({ type: 'hello', data: { protocol: 1 } });
  await back.nextMessage('welcome');
  back.json({ type: 'session.resume', id: 'r', data: { token, lastSeq } });
  return back;
};

/** Resumes `nick`'s session past what the server kept (checks the overflow): the connection and its `match.state`. */
export const resumeOverflowed = async (server: TestServer, nick: string, token: string, lastSeq: number) => {
  const back = await resumeOn(server, token, lastSeq);
  expect((await back.nextMessage('session.resumed')).data).toMatchObject({ nick, overflow: true, missed: 0 });
  return { back, state: await back.nextMessage('match.state') };
};

/** Waits until the `user.states` digests `peer` receives from now on give each nick its wanted state. */
export const statesReach = async (peer: RawPeer, wanted: Readonly<Record<string, string>>): Promise<void> => {
  const seen = new Map<string, string>();
  const reached = () => Object.entries(wanted).every(([nick, state]) => seen.get(nick) === state);
  while (!reached()) {
    const digest = await peer.nextMessage('user.states');
    for (const user of digest.data.users) seen.set(user.nick, user.state);
  }
};
