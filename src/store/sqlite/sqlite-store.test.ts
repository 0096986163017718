import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { defineStoreContract } from '../contract.ts';
import { openSqliteStore } from '../index.ts';

const dir = mkdtempSync(join(tmpdir(), 'parlor-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let count = 0;
let file = '';

// A fresh file (in a directory the store creates) per test; `reopen` opens the same file again.
defineStoreContract(
  'sqlite file',
  async () => {
    count += 1;
    file = join(dir, `${count}`, 'parlor.db');
    return openSqliteStore(file);
  },
  { reopen: () => openSqliteStore(file) },
);

defineStoreContract('sqlite :memory:', () => openSqliteStore(':memory:'));

describe('openSqliteStore', () => {
  it('fails with an error naming the file when it cannot open it', async () => {
    const notADirectory = join(dir, 'plain-file');
    writeFileSync(notADirectory, '');
    await expect(openSqliteStore(join(notADirectory, 'parlor.db'))).rejects.toThrow(
      /^Cannot open the SQLite store .*plain-file\/parlor\.db: /,
    );
  });

  it('refuses a file that is not a database instead of starting empty', async () => {
    const garbage = join(dir, 'garbage.db');
    writeFileSync(garbage, 'this is not a SQLite database, not even close to one. '.repeat(100));
    await expect(openSqliteStore(garbage)).rejects.toThrow(/^Cannot open the SQLite store .*garbage\.db: /);
  });

  it('leaves the file in WAL mode', async () => {
    const path = join(dir, 'wal', 'parlor.db');
    await (await openSqliteStore(path)).close();
    const raw = new BetterSqlite3(path, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      raw.close();
    }
  });
});
