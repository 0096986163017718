import { err, ok, type Result } from './result.ts';

/** Nicknames: 2 to 12 letters, digits, `_` or `-` (B1). */
export const NICK_PATTERN = /^[A-Za-z0-9_-]{2,12}$/;

/** Room names: 1 to 24 letters, digits, `_` or `-`; a leading `#` is accepted and dropped. */
export const ROOM_PATTERN = /^[A-Za-z0-9_-]{1,24}$/;

/** The room every session is in once it has a nickname. */
export const LOBBY = 'lobby';

/** True when `nick` is a well-formed nickname. */
export const isValidNick = (nick: string): boolean => NICK_PATTERN.test(nick);

/** The key under which nicknames are unique: case does not count. */
export const nickKey = (nick: string): string => nick.toLowerCase();

/** Normalises a room name (drops a leading `#`, lowercases) or says why it is not one. */
export const parseRoomName = (name: string): Result<string, 'ROOM_INVALID_NAME'> => {
  const bare = name.startsWith('#') ? name.slice(1) : name;
  return ROOM_PATTERN.test(bare) ? ok(bare.toLowerCase()) : err('ROOM_INVALID_NAME');
};
