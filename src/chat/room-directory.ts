import { LOBBY } from '../protocol/index.ts';
import type { Session } from '../server/index.ts';
import { compareText } from './compare-text.ts';

/** A chat room: its members and topic. Rooms other than the lobby vanish when they empty. */
export interface Room {
  readonly name: string;
  topic: string;
  readonly members: Set<Session>;
  /** Entered only through another area (a match room): not listed, not joinable with `room.join`. */
  closed: boolean;
}

/** Which rooms exist and who is in which. */
export class RoomDirectory {
  readonly #rooms = new Map<string, Room>([
    [LOBBY, { name: LOBBY, topic: '', members: new Set(), closed: false }],
  ]);
  readonly #roomsOf = new Map<Session, Set<Room>>();

  /** How many rooms exist. */
  get size(): number {
    return this.#rooms.size;
  }

  get(name: string): Room | undefined {
    return this.#rooms.get(name);
  }

  /** Every room, sorted by name. */
  list(): Room[] {
    return [...this.#rooms.values()].sort((a, b) => compareText(a.name, b.name));
  }

  /** The rooms `session` is in. */
  roomsOf(session: Session): ReadonlySet<Room> {
    return this.#roomsOf.get(session) ?? new Set();
  }

  isMember(session: Session, name: string): boolean {
    return this.#rooms.get(name)?.members.has(session) ?? false;
  }

  /** Adds `session` to the room `name`, creating it if needed. */
  join(session: Session, name: string): Room {
    let room = this.#rooms.get(name);
    if (room === undefined) {
      room = { name, topic: '', members: new Set(), closed: false };
      this.#rooms.set(name, room);
    }
    room.members.add(session);
    let rooms = this.#roomsOf.get(session);
    if (rooms === undefined) {
      rooms = new Set();
      this.#roomsOf.set(session, rooms);
    }
    rooms.add(room);
    return room;
  }

  /** Removes `session` from `room`; drops the room when it empties (never the lobby). */
  leave(session: Session, room: Room): void {
    room.members.delete(session);
    this.#roomsOf.get(session)?.delete(room);
    if (room.members.size === 0 && room.name !== LOBBY) this.#rooms.delete(room.name);
  }

  /** Removes `session` from every room; returns the rooms it was in. */
  leaveAll(session: Session): Room[] {
    const rooms = [...this.roomsOf(session)];
    for (const room of rooms) this.leave(session, room);
    this.#roomsOf.delete(session);
    return rooms;
  }

  /** Everyone who shares at least one room with `session`, without `session` itself. */
  neighboursOf(session: Session): Set<Session> {
    const result = new Set<Session>();
    for (const room of this.roomsOf(session))
      for (const member of room.members) if (member !== session) result.add(member);
    return result;
  }
}
