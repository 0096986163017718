import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidNick, LOBBY, NICK_PATTERN, nickKey, parseRoomName } from '../../src/protocol/index.ts';

const SEED = 20260101;

// Nicknames: 2 to 12 of A-Z a-z 0-9 _ - (docs/protocol.md#nicknames).
const nicks: Array<[label: string, nick: string, valid: boolean]> = [
  ['1 character', 'a', false],
  ['2 characters', 'ab', true],
  ['12 characters', 'abcdefghijkl', true],
  ['13 characters', 'abcdefghijklm', false],
  ['the empty string', '', false],
  ['letters, digits, _ and -', 'Bob_1-x', true],
  ['only underscores', '__', true],
  ['only hyphens', '--', true],
  ['only digits', '42', true],
  ['upper case', 'ALICE', true],
  ['a space inside', 'al ice', false],
  ['a leading space', ' alice', false],
  ['a trailing space', 'alice ', false],
  ['a trailing newline', 'alice\n', false],
  ['a dot', 'a.b', false],
  ['an at sign', '@alice', false],
  ['a hash', '#alice', false],
  ['an accented letter', 'élodie', false],
  ['a non-Latin script', 'алиса', false],
  ['full-width letters', 'ａｌｉｃｅ', false],
  ['an emoji', 'al😀', false],
  ['a dotted capital I', 'İlker', false],
  ['a zero-width space', 'ali\u200bce', false],
];

// Room names: an optional leading # is dropped, then 1 to 24 of A-Z a-z 0-9 _ -, lowercased.
const rooms: Array<[label: string, name: string, normalised: string | null]> = [
  ['a plain name', 'games', 'games'],
  ['a leading #', '#games', 'games'],
  ['mixed case', '#Connect-4_Fans', 'connect-4_fans'],
  ['upper case', 'GAMES', 'games'],
  ['1 character', 'a', 'a'],
  ['1 character after #', '#a', 'a'],
  ['24 characters', 'r'.repeat(24), 'r'.repeat(24)],
  ['24 characters after # (the # does not count)', `#${'R'.repeat(24)}`, 'r'.repeat(24)],
  ['25 characters', 'r'.repeat(25), null],
  ['the lobby in any case', '#LOBBY', LOBBY],
  ['the empty string', '', null],
  ['a lone #', '#', null],
  ['two leading #', '##games', null],
  ['a # inside', 'ga#mes', null],
  ['a space inside', 'my room', null],
  ['a leading space', ' games', null],
  ['a trailing space', 'games ', null],
  ['an accented letter', 'café', null],
  ['a non-Latin script', 'игры', null],
  ['an emoji', 'games😀', null],
  ['a dot', 'a.b', null],
];

describe('isValidNick', () => {
  it.each(nicks)('%s (%j): %s', (_label, nick, valid) => {
    expect(isValidNick(nick)).toBe(valid);
    expect(NICK_PATTERN.test(nick)).toBe(valid);
  });
});

describe('nickKey', () => {
  it.each([
    ['alice', 'Alice'],
    ['ALICE', 'alice'],
    ['Bob_X-1', 'bob_x-1'],
    ['zZ', 'Zz'],
  ])('gives %j and %j the same key', (a, b) => {
    expect(nickKey(a)).toBe(nickKey(b));
  });

  it.each([
    ['alice', 'alice_'],
    ['bob', 'b0b'],
    ['a-b', 'a_b'],
  ])('gives %j and %j different keys', (a, b) => {
    expect(nickKey(a)).not.toBe(nickKey(b));
  });

  it('is the lower-case nickname, and is itself a valid nickname', () => {
    expect(nickKey('Bob_X-1')).toBe('bob_x-1');
    fc.assert(
      fc.property(fc.stringMatching(NICK_PATTERN), (nick) => {
        expect(isValidNick(nickKey(nick))).toBe(true);
        expect(nickKey(nickKey(nick))).toBe(nickKey(nick));
      }),
      { seed: SEED },
    );
  });
});

describe('parseRoomName', () => {
  it.each(rooms)('%s (%j) → %j', (_label, name, normalised) => {
    expect(parseRoomName(name)).toStrictEqual(
      normalised === null ? { ok: false, error: 'ROOM_INVALID_NAME' } : { ok: true, value: normalised },
    );
  });

  it('accepts the lobby, which is already normalised', () => {
    expect(parseRoomName(LOBBY)).toStrictEqual({ ok: true, value: 'lobby' });
  });

  it('normalises a name to itself, with or without a leading #', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/), (name) => {
        const once = parseRoomName(name);
        expect(once).toStrictEqual({ ok: true, value: name.toLowerCase() });
        expect(parseRoomName(`#${name}`)).toStrictEqual(once);
        if (once.ok) expect(parseRoomName(once.value)).toStrictEqual(once);
      }),
      { seed: SEED },
    );
  });
});
