// The bench's players (bench:tanks): bot-driven WebSocket clients, set up room by room. They run on
// client threads (client-thread.ts), so that the 800 of them are not one thread's queue.
import WebSocket from 'ws';
import { type Json, SnapshotBuffer, Tanks } from '../../src/games/index.ts';

/** One bot-driven player: its connection, its view of the match, its brain. */
export class TankClient {
  readonly socket: WebSocket;
  bytes = 0;
  snapshots = 0;
  seat = -1;
  #nextId = 1;
  #seq = 0;
  #lastInput = '';
  readonly #snapshots = new SnapshotBuffer();
  #memory: unknown;
  readonly #thinkEvery: number;
  #replies = new Map<number, (message: { type: string; data: never }) => void>();
  #onMessage: ((message: { type: string; data: never }) => void) | undefined;

  constructor(url: string, thinkEvery: number) {
    this.#thinkEvery = thinkEvery;
    this.socket = new WebSocket(url);
    this.socket.on('message', (data: Buffer) => {
      this.bytes += data.length;
      const message = JSON.parse(data.toString()) as { type: string; re?: number; data: never };
      if (message.type === 'match.snapshot') this.#snapshot(message.data);
      else if (message.type === 'match.started') this.#started(message.data);
      if (message.re !== undefined) this.#replies.get(message.re)?.(message);
      this.#onMessage?.(message);
    });
  }

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
  }

  request(type: string, data: unknown): Promise<{ type: string; data: never }> {
    const id = this.#nextId++;
    this.socket.send(JSON.stringify({ type, id, data }));
    return new Promise((resolve) => this.#replies.set(id, resolve));
  }

  waitFor(type: string): Promise<{ type: string; data: never }> {
    return new Promise((resolve) => {
      this.#onMessage = (message) => {
        if (message.type === type) resolve(message);
      };
    });
  }

  #started(data: { match: { seat: number }; view: Json }): void {
    this.seat = data.match.seat;
    this.#memory = Tanks.tanks.bot?.start(this.seat, this.seat + 1);
    this.#snapshots.reset();
    this.#snapshots.receive({ tick: (data.view as { t: number }).t, base: null, data: data.view });
  }

  #snapshot(data: { tick: number; base: number | null; data: unknown }): void {
    const snapshot = this.#snapshots.receive(data);
    if (snapshot === undefined)
      throw new Error(`a delta against tick ${data.base}, which this client never had`);
    this.snapshots += 1;
    // The bots think at every --think-every snapshot (10 Hz by default, quicker than people react),
    // so that 800 of them fit on the bench's one core; in between, they acknowledge.
    if (this.snapshots % this.#thinkEvery !== 0) {
      this.socket.send(`{"type":"match.ack","data":{"tick":${data.tick}}}`);
      return;
    }
    const decision = Tanks.tanks.bot?.decide(
      snapshot as unknown as Tanks.TanksSnapshot,
      this.seat,
      this.#memory,
    );
    if (decision === undefined) return;
    this.#memory = decision.memory;
    const input = JSON.stringify(decision.input);
    if (input !== this.#lastInput) {
      this.#lastInput = input;
      this.#seq += 1;
      this.socket.send(
        `{"type":"match.input","data":{"seq":${this.#seq},"input":${input},"ack":${data.tick}}}`,
      );
    } else this.socket.send(`{"type":"match.ack","data":{"tick":${data.tick}}}`);
  }
}

/** What a client thread plays: its rooms of the bench, on the server at `url`. */
export interface ClientThreadData {
  readonly url: string;
  readonly rooms: readonly number[];
  readonly tanks: number;
  readonly map: string;
  readonly thinkEvery: number;
  /** Rooms set up at once. */
  readonly concurrency: number;
  /** The thread's nice value (Linux: this thread only). */
  readonly nice: number;
}

/**
 * Sets up `rooms`: each room's clients connect, one creates a table, the others join it, and its
 * match starts when it is full. Resolves to every client once every match has started.
 */
export async function setUpRooms(data: ClientThreadData): Promise<TankClient[]> {
  const clients: TankClient[] = [];
  const setUpRoom = async (room: number): Promise<void> => {
    const members: TankClient[] = [];
    for (let i = 0; i < data.tanks; i++) {
      const client = new TankClient(data.url, data.thinkEvery);
      await client.open();
      await client.request('hello', { protocol: 1 });
      await client.request('nick.set', { nick: `r${room}t${i}` });
      members.push(client);
    }
    const [host, ...others] = members as [TankClient, ...TankClient[]];
    const table = await host.request('table.create', {
      options: { seats: data.tanks, map: data.map, durationSeconds: 1800 },
    });
    const id = (table.data as { table: { id: string } }).table.id;
    const everyoneStarted = Promise.all(members.map((m) => m.waitFor('match.started')));
    for (const other of others) await other.request('table.join', { id });
    await everyoneStarted;
    clients.push(...members);
  };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < data.rooms.length) await setUpRoom(data.rooms[next++] as number);
  };
  await Promise.all(Array.from({ length: data.concurrency }, worker));
  return clients;
}
