import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, MatchRecord, NewSanction, Store } from './store.ts';

// The one behaviour every adapter of the Store port must have, run from each adapter's test file
// (memory, SQLite, PostgreSQL). A difference between adapters is a bug in one of them, not a
// variant: areas are unit-tested on the memory store and run on the others.

/** Hooks an adapter's test file passes to the contract. */
export interface StoreContractHooks {
  /** Runs after each test, once the store is closed (delete the file, drop the schema). */
  cleanup?(): Promise<void>;
  /** For persistent adapters: opens again what the last `makeStore` opened, to check data survive a close. */
  reopen?(): Promise<Store>;
}

/** A fixed "now" well above 2^31, so that bigint columns that come back as strings or wrap show up. */
const T0 = 1_750_000_000_000;
const HOUR = 3_600_000;

const ban = (value: string, extra: Partial<NewSanction> = {}): NewSanction => ({
  kind: 'ban',
  target: { type: 'nick', value },
  reason: 'spam',
  createdBy: 'op',
  createdAt: T0,
  expiresAt: null,
  ...extra,
});

const entry = (at: number, action = 'ban') => ({
  at,
  actor: 'op',
  action,
  target: 'Mallory',
  details: { reason: 'spam', expiresAt: null, tags: ['a', 1, true], nested: { n: 2.5 } },
});

/** A finished two-seat match; `extra` overrides any field. */
const match = (id: string, extra: Partial<MatchRecord> = {}): MatchRecord => ({
  id,
  game: 'connect4',
  options: { firstSeat: 'random', position: '' },
  seed: 3_000_000_000,
  players: ['Alice', 'Bob'],
  moves: [{ column: 4 }, { column: 3 }, { column: 4 }],
  moveTimes: [T0 + 1_000, T0 + 2_500, T0 + 4_000],
  winner: 0,
  reason: 'four-in-a-row',
  timeControl: { moveMs: null, gameMs: null },
  startedAt: T0,
  endedAt: T0 + 5_000,
  ...extra,
});

/** Defines the Store contract suite for one adapter; `makeStore` must return an empty store each time. */
export const defineStoreContract = (
  name: string,
  makeStore: () => Promise<Store>,
  hooks: StoreContractHooks = {},
): void => {
  describe(`Store contract: ${name}`, () => {
    let store: Store;

    beforeEach(async () => {
      store = await makeStore();
    });

    afterEach(async () => {
      await store.close();
      await hooks.cleanup?.();
    });

    describe('accounts', () => {
      it('stores an account and returns it with numbers as numbers', async () => {
        const account = { nick: 'Alice', passwordHash: 'hash-1', createdAt: T0 };
        expect(await store.accounts.createAccount(account)).toEqual({ ok: true, value: account });
        const got = await store.accounts.getAccount('Alice');
        expect(got).toEqual(account);
        expect(typeof got?.createdAt).toBe('number');
      });

      it('finds an account whatever the casing, keeping the registered casing', async () => {
        await store.accounts.createAccount({ nick: 'Alice', passwordHash: 'h', createdAt: T0 });
        expect((await store.accounts.getAccount('aLICE'))?.nick).toBe('Alice');
      });

      it('returns undefined for an unknown nick', async () => {
        expect(await store.accounts.getAccount('nobody')).toBeUndefined();
      });

      it('refuses a nick taken in another casing and keeps the first account', async () => {
        await store.accounts.createAccount({ nick: 'Alice', passwordHash: 'first', createdAt: T0 });
        const again = await store.accounts.createAccount({
          nick: 'ALICE',
          passwordHash: 'second',
          createdAt: T0,
        });
        expect(again).toEqual({ ok: false, error: 'ACCOUNT_EXISTS' });
        expect(await store.accounts.getAccount('alice')).toEqual({
          nick: 'Alice',
          passwordHash: 'first',
          createdAt: T0,
        });
      });

      it('updates a password hash by nick in any casing', async () => {
        await store.accounts.createAccount({ nick: 'Alice', passwordHash: 'old', createdAt: T0 });
        expect(await store.accounts.updatePasswordHash('alice', 'new')).toEqual({
          ok: true,
          value: undefined,
        });
        expect((await store.accounts.getAccount('Alice'))?.passwordHash).toBe('new');
      });

      it('refuses to update the password of an unknown account', async () => {
        expect(await store.accounts.updatePasswordHash('nobody', 'x')).toEqual({
          ok: false,
          error: 'ACCOUNT_NOT_FOUND',
        });
        expect(await store.accounts.getAccount('nobody')).toBeUndefined();
      });
    });

    describe('sanctions', () => {
      it('lists an added sanction with every field, numbers as numbers', async () => {
        const sanction = ban('Mallory', { expiresAt: T0 + HOUR, reason: 'flood', createdBy: 'Root' });
        const id = await store.moderation.addSanction(sanction);
        const active = await store.moderation.activeSanctions(T0);
        expect(active).toEqual([{ ...sanction, id }]);
        expect(typeof active[0]?.expiresAt).toBe('number');
      });

      it('gives every sanction its own id and lists them oldest first', async () => {
        const second = await store.moderation.addSanction(ban('b', { createdAt: T0 + 2 }));
        const first = await store.moderation.addSanction(ban('a', { createdAt: T0 + 1 }));
        expect(first).not.toBe(second);
        expect((await store.moderation.activeSanctions(T0 + 3)).map((s) => s.id)).toEqual([first, second]);
      });

      it('treats a sanction as expired from its expiry instant on', async () => {
        await store.moderation.addSanction(ban('past', { expiresAt: T0 - 1 }));
        await store.moderation.addSanction(ban('now', { expiresAt: T0 }));
        await store.moderation.addSanction(ban('later', { expiresAt: T0 + 1 }));
        const values = async (now: number) =>
          (await store.moderation.activeSanctions(now)).map((s) => s.target.value);
        expect(await values(T0)).toEqual(['later']);
        expect(await values(T0 + 1)).toEqual([]);
      });

      it('filters by target: nicks ignore case, a nick never matches an address', async () => {
        await store.moderation.addSanction(ban('Mallory'));
        await store.moderation.addSanction(
          ban('10.0.0.1', { target: { type: 'address', value: '10.0.0.1' } }),
        );
        await store.moderation.addSanction(ban('mallory', { target: { type: 'address', value: 'mallory' } }));
        const onNick = await store.moderation.activeSanctions(T0, { type: 'nick', value: 'MALLORY' });
        expect(onNick.map((s) => s.target)).toEqual([{ type: 'nick', value: 'Mallory' }]);
        const onAddress = await store.moderation.activeSanctions(T0, { type: 'address', value: '10.0.0.1' });
        expect(onAddress.map((s) => s.target)).toEqual([{ type: 'address', value: '10.0.0.1' }]);
      });

      it('matches IPv6 addresses regardless of case', async () => {
        await store.moderation.addSanction(ban('x', { target: { type: 'address', value: 'FE80::1' } }));
        const found = await store.moderation.activeSanctions(T0, { type: 'address', value: 'fe80::1' });
        expect(found).toHaveLength(1);
      });

      it('lifts every active sanction on a nick, in any casing, and no other', async () => {
        await store.moderation.addSanction(ban('Mallory'));
        await store.moderation.addSanction(ban('Mallory', { kind: 'suspend' }));
        const other = await store.moderation.addSanction(ban('Trent'));
        const lifted = await store.moderation.liftSanctions({
          target: { type: 'nick', value: 'mallory' },
          liftedBy: 'op',
          at: T0 + 1,
        });
        expect(lifted).toBe(2);
        expect((await store.moderation.activeSanctions(T0 + 2)).map((s) => s.id)).toEqual([other]);
      });

      it('lifts only the given kind', async () => {
        const kept = await store.moderation.addSanction(ban('Mallory'));
        await store.moderation.addSanction(ban('Mallory', { kind: 'suspend' }));
        const lifted = await store.moderation.liftSanctions({
          target: { type: 'nick', value: 'Mallory' },
          kind: 'suspend',
          liftedBy: 'op',
          at: T0 + 1,
        });
        expect(lifted).toBe(1);
        expect((await store.moderation.activeSanctions(T0 + 2)).map((s) => s.id)).toEqual([kept]);
      });

      it('lifts by address without touching a nick of the same text', async () => {
        await store.moderation.addSanction(ban('x', { target: { type: 'address', value: '192.0.2.7' } }));
        const nick = await store.moderation.addSanction(ban('192.0.2.7'));
        const lifted = await store.moderation.liftSanctions({
          target: { type: 'address', value: '192.0.2.7' },
          liftedBy: 'op',
          at: T0 + 1,
        });
        expect(lifted).toBe(1);
        expect((await store.moderation.activeSanctions(T0 + 2)).map((s) => s.id)).toEqual([nick]);
      });

      it('counts only sanctions still active: not lifted ones again, not expired ones', async () => {
        await store.moderation.addSanction(ban('Mallory'));
        await store.moderation.addSanction(ban('Mallory', { expiresAt: T0 + 1 }));
        const lift = (at: number) =>
          store.moderation.liftSanctions({ target: { type: 'nick', value: 'Mallory' }, liftedBy: 'op', at });
        expect(await lift(T0 + 5)).toBe(1);
        expect(await lift(T0 + 6)).toBe(0);
        // The expired one was left as it was: looking back before its expiry, it is still there.
        expect((await store.moderation.activeSanctions(T0)).map((s) => s.expiresAt)).toEqual([T0 + 1]);
      });
    });

    describe('audit log', () => {
      it('returns appended entries newest first, with their details', async () => {
        const first = await store.audit.append(entry(T0 + 1, 'suspend'));
        const second = await store.audit.append({ ...entry(T0 + 2, 'forgive'), target: null, details: {} });
        expect(await store.audit.list({ limit: 10 })).toEqual([
          { id: second, ...entry(T0 + 2, 'forgive'), target: null, details: {} },
          { id: first, ...entry(T0 + 1, 'suspend') },
        ]);
      });

      it('returns at most `limit` entries, the newest', async () => {
        for (let i = 0; i < 5; i += 1) await store.audit.append(entry(T0 + i));
        expect((await store.audit.list({ limit: 2 })).map((e) => e.at)).toEqual([T0 + 4, T0 + 3]);
        expect(await store.audit.list({ limit: 0 })).toEqual([]);
      });

      it('pages with `before` without losing or repeating entries of the same millisecond', async () => {
        for (const at of [T0, T0 + 1, T0 + 1, T0 + 1, T0 + 2]) await store.audit.append(entry(at));
        const all = await store.audit.list({ limit: 100 });
        const paged: AuditEntry[] = [];
        let page = await store.audit.list({ limit: 2 });
        while (page.length > 0) {
          paged.push(...page);
          page = await store.audit.list({ limit: 2, before: page[page.length - 1]! });
        }
        expect(all).toHaveLength(5);
        expect(paged).toEqual(all);
      });
    });

    describe('matches', () => {
      const ids = (records: readonly MatchRecord[]) => records.map((m) => m.id);

      it('stores a match and returns it exactly, numbers as numbers and JSON as it was', async () => {
        const record = match('m-1', {
          options: { firstSeat: 'random', position: '', rows: 6, strict: true, extra: null },
          moves: [{ column: 4 }, 'resign', 7, [1, 2], null, { nested: { at: [0.5] } }],
          moveTimes: [T0 + 1, T0 + 2, T0 + 3, T0 + 4, T0 + 5, T0 + 6],
          timeControl: { moveMs: 30_000, gameMs: 3_000_000_000 },
        });
        expect(await store.matches.saveMatch(record)).toEqual({ ok: true, value: undefined });
        const got = await store.matches.getMatch('m-1');
        expect(got).toEqual(record);
        expect(typeof got?.seed).toBe('number');
        expect(typeof got?.startedAt).toBe('number');
        expect(typeof got?.endedAt).toBe('number');
        expect(typeof got?.moveTimes[0]).toBe('number');
        expect(typeof got?.timeControl.moveMs).toBe('number');
        expect(typeof got?.timeControl.gameMs).toBe('number');
        expect(typeof got?.winner).toBe('number');
      });

      it('stores several matches at once, refusing (and not writing) only those whose id is taken', async () => {
        const first = match('batch-1', { players: ['Alice', 'Bob'] });
        await store.matches.saveMatch(first);
        const again = match('batch-1', { players: ['Mallory', 'Eve'], reason: 'resign' });
        const others = [match('batch-2'), match('batch-3', { players: ['Carol', 'Alice'] })];
        expect(
          await store.matches.saveMatches([others[0] as MatchRecord, again, others[1] as MatchRecord]),
        ).toEqual(['batch-1']);
        expect(await store.matches.getMatch('batch-1')).toEqual(first);
        for (const record of others) expect(await store.matches.getMatch(record.id)).toEqual(record);
        expect(ids(await store.matches.listMatches({ player: 'mallory', limit: 10 }))).toEqual([]);
        expect(await store.matches.saveMatches([])).toEqual([]);
      });

      it('keeps a draw (winner null), seat 0 and seat 1 winning, and each time limit alone', async () => {
        const records = [
          match('draw', { winner: null, reason: 'board-full' }),
          match('seat-0', { winner: 0, timeControl: { moveMs: 10_000, gameMs: null } }),
          match('seat-1', { winner: 1, reason: 'time', timeControl: { moveMs: null, gameMs: 600_000 } }),
          match('aborted', { winner: null, reason: 'abandon', moves: [], moveTimes: [], seed: 0 }),
        ];
        for (const record of records) await store.matches.saveMatch(record);
        for (const record of records) expect(await store.matches.getMatch(record.id)).toEqual(record);
      });

      it('returns undefined for an unknown id', async () => {
        await store.matches.saveMatch(match('m-1'));
        expect(await store.matches.getMatch('m-2')).toBeUndefined();
      });

      it('refuses an id already stored and keeps the first match unchanged', async () => {
        const first = match('m-1');
        await store.matches.saveMatch(first);
        const again = await store.matches.saveMatch(
          match('m-1', { players: ['Carol', 'Dave'], winner: 1, endedAt: T0 + HOUR }),
        );
        expect(again).toEqual({ ok: false, error: 'MATCH_EXISTS' });
        expect(await store.matches.getMatch('m-1')).toEqual(first);
        expect(ids(await store.matches.listMatches({ limit: 10 }))).toEqual(['m-1']);
        expect(await store.matches.listMatches({ player: 'Carol', limit: 10 })).toEqual([]);
        expect(ids(await store.matches.listMatches({ player: 'Alice', limit: 10 }))).toEqual(['m-1']);
      });

      it('lists newest first by end time, breaking ties by id descending', async () => {
        await store.matches.saveMatch(match('b', { endedAt: T0 + 2 }));
        await store.matches.saveMatch(match('d', { endedAt: T0 + 1 }));
        await store.matches.saveMatch(match('a', { endedAt: T0 + 2 }));
        await store.matches.saveMatch(match('c', { endedAt: T0 + 3 }));
        await store.matches.saveMatch(match('e', { endedAt: T0 + 2 }));
        expect(ids(await store.matches.listMatches({ limit: 10 }))).toEqual(['c', 'e', 'b', 'a', 'd']);
      });

      it('returns at most `limit` matches, the newest', async () => {
        for (let i = 0; i < 5; i += 1) await store.matches.saveMatch(match(`m-${i}`, { endedAt: T0 + i }));
        expect(ids(await store.matches.listMatches({ limit: 2 }))).toEqual(['m-4', 'm-3']);
        expect(ids(await store.matches.listMatches({ player: 'bob', limit: 3 }))).toEqual([
          'm-4',
          'm-3',
          'm-2',
        ]);
        expect(await store.matches.listMatches({ limit: 0 })).toEqual([]);
      });

      it('pages with `before` without losing or repeating matches of the same millisecond', async () => {
        const ends = [T0, T0 + 1, T0 + 1, T0 + 1, T0 + 2, T0 + 2, T0 + 3];
        for (const [i, endedAt] of ends.entries())
          await store.matches.saveMatch(match(`m-${i}`, { endedAt }));
        for (const player of [undefined, 'ALICE']) {
          const base = player === undefined ? {} : { player };
          const all = await store.matches.listMatches({ ...base, limit: 100 });
          const paged: MatchRecord[] = [];
          let page = await store.matches.listMatches({ ...base, limit: 2 });
          while (page.length > 0) {
            paged.push(...page);
            page = await store.matches.listMatches({ ...base, limit: 2, before: page[page.length - 1]! });
          }
          expect(all).toHaveLength(ends.length);
          expect(paged).toEqual(all);
          expect(new Set(ids(paged)).size).toBe(ends.length);
        }
      });

      it('starts a page strictly before `before`, which need not be a stored match', async () => {
        await store.matches.saveMatch(match('a', { endedAt: T0 + 1 }));
        await store.matches.saveMatch(match('b', { endedAt: T0 + 1 }));
        await store.matches.saveMatch(match('c', { endedAt: T0 }));
        const list = (endedAt: number, id: string) =>
          store.matches.listMatches({ limit: 10, before: { endedAt, id } }).then(ids);
        expect(await list(T0 + 1, 'b')).toEqual(['a', 'c']);
        expect(await list(T0 + 1, 'ab')).toEqual(['a', 'c']);
        expect(await list(T0 + 1, 'a')).toEqual(['c']);
        expect(await list(T0, 'c')).toEqual([]);
      });

      it('filters by player in any casing, at any seat, and no other', async () => {
        await store.matches.saveMatch(match('m-1', { players: ['Alice', 'Bob'], endedAt: T0 + 1 }));
        await store.matches.saveMatch(match('m-2', { players: ['Carol', 'alice'], endedAt: T0 + 2 }));
        await store.matches.saveMatch(match('m-3', { players: ['Bob', 'Carol'], endedAt: T0 + 3 }));
        await store.matches.saveMatch(match('m-4', { players: ['Alicia', 'Malice'], endedAt: T0 + 4 }));
        expect(ids(await store.matches.listMatches({ player: 'ALICE', limit: 10 }))).toEqual(['m-2', 'm-1']);
        expect(ids(await store.matches.listMatches({ player: 'carol', limit: 10 }))).toEqual(['m-3', 'm-2']);
        expect(await store.matches.listMatches({ player: 'Dave', limit: 10 })).toEqual([]);
        const found = await store.matches.listMatches({ player: 'alice', limit: 10 });
        expect(found[0]).toEqual(match('m-2', { players: ['Carol', 'alice'], endedAt: T0 + 2 }));
      });

      it('lists a match once for a player who sat at more than one seat', async () => {
        await store.matches.saveMatch(match('m-1', { players: ['Alice', 'ALICE'], endedAt: T0 + 1 }));
        await store.matches.saveMatch(match('m-2', { players: ['Bob', 'Alice'], endedAt: T0 + 2 }));
        expect(ids(await store.matches.listMatches({ player: 'alice', limit: 10 }))).toEqual(['m-2', 'm-1']);
        expect(ids(await store.matches.listMatches({ player: 'alice', limit: 1 }))).toEqual(['m-2']);
      });
    });

    const reopen = hooks.reopen;
    if (reopen !== undefined) {
      describe('persistence', () => {
        it('keeps accounts, sanctions, lifts, the audit log and matches across a close and two reopens', async () => {
          await store.accounts.createAccount({ nick: 'Alice', passwordHash: 'h', createdAt: T0 });
          await store.accounts.updatePasswordHash('alice', 'h2');
          const kept = await store.moderation.addSanction(ban('Mallory', { expiresAt: T0 + HOUR }));
          await store.moderation.addSanction(ban('Trent', { kind: 'suspend' }));
          await store.moderation.liftSanctions({
            target: { type: 'nick', value: 'trent' },
            liftedBy: 'op',
            at: T0,
          });
          const logged = await store.audit.append(entry(T0));
          const played = match('m-1', { timeControl: { moveMs: 30_000, gameMs: null } });
          await store.matches.saveMatch(played);
          await store.close();
          // Opening an up-to-date store again must find nothing to migrate and lose nothing.
          store = await reopen();
          await store.close();
          store = await reopen();
          expect(await store.accounts.getAccount('ALICE')).toEqual({
            nick: 'Alice',
            passwordHash: 'h2',
            createdAt: T0,
          });
          expect((await store.moderation.activeSanctions(T0 + 1)).map((s) => s.id)).toEqual([kept]);
          expect(await store.audit.list({ limit: 10 })).toEqual([{ id: logged, ...entry(T0) }]);
          const again = await store.accounts.createAccount({
            nick: 'alice',
            passwordHash: 'x',
            createdAt: T0,
          });
          expect(again).toEqual({ ok: false, error: 'ACCOUNT_EXISTS' });
          expect(await store.matches.getMatch('m-1')).toEqual(played);
          expect(await store.matches.listMatches({ player: 'BOB', limit: 10 })).toEqual([played]);
          expect(await store.matches.saveMatch(played)).toEqual({ ok: false, error: 'MATCH_EXISTS' });
        });
      });
    }
  });
};
