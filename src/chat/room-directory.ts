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
  readonly #lobby: Room = { name: LOBBY, topic: '', members: new Set(), closed: false };
  readonly #rooms = new Map<string, Room>([[LOBBY, this.#lobby]]);
  /**
   * The rooms of each session other than the lobby. Most sessions are only in the lobby, whose
   * member set already says so: they have no entry here (a set per idle session is memory).
   */
  readonly #otherRooms = new Map<Session, Room[]>();

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

  /** The rooms `session` is in, the lobby first. */
  roomsOf(session: Session): readonly Room[] {
    const others = this.#otherRooms.get(session) ?? [];
    return this.#lobby.members.has(session) ? [this.#lobby, ...others] : others;
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
    if (room.members.has(session)) return room;
    room.members.add(session);
    if (room !== this.#lobby) {
      const others = this.#otherRooms.get(session);
      if (others === undefined) this.#otherRooms.set(session, [room]);
      else others.push(room);
    }
    return room;
  }

  /** Removes `session` from `room`; drops the room when it empties (never the lobby). */
  leave(session: Session, room: Room): void {
    room.members.delete(session);
    const others = this.#otherRooms.get(session);
    if (others !== undefined) {
      const index = others.indexOf(room);
      if (index !== -1) others.splice(index, 1);
      if (others.length === 0) this.#otherRooms.delete(session);
    }
    if (room.members.size === 0 && room !== this.#lobby) this.#rooms.delete(room.name);
  }

  /** Removes `session` from every room; returns the rooms it was in. */
  leaveAll(session: Session): Room[] {
    const rooms = [...this.roomsOf(session)];
    for (const room of rooms) this.leave(session, room);
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
