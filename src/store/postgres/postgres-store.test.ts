import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { defineStoreContract } from '../contract.ts';
import { openPostgresStore } from '../index.ts';

const url = process.env.PARLOR_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** True when a PostgreSQL server answers at `url` within 2 s. */
const isReachable = async (): Promise<boolean> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
};

const reachable = await isReachable();
if (!reachable) {
  console.warn(
    `PostgreSQL not reachable at ${url}: skipping the PostgreSQL store contract (set PARLOR_TEST_DATABASE_URL)`,
  );
}

// Every test gets a schema of its own under a prefix unique to this run, dropped afterwards, so
// parallel runs, CI and leftovers of a killed run never see each other's tables.
const prefix = `parlor_test_${randomBytes(4).toString('hex')}`;
let count = 0;
let schema = '';
const admin = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 2000 });

const dropSchema = (name: string) => admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);

afterAll(async () => {
  if (reachable) {
    const left = await admin.query<{ name: string }>(
      'SELECT nspname AS name FROM pg_namespace WHERE starts_with(nspname, $1)',
      [prefix],
    );
    for (const { name } of left.rows) await dropSchema(name);
  }
  await admin.end();
});

describe.skipIf(!reachable)('PostgreSQL store', () => {
  defineStoreContract(
    'postgres',
    async () => {
      count += 1;
      schema = `${prefix}_${count}`;
      return openPostgresStore({ url, schema });
    },
    {
      reopen: () => openPostgresStore({ url, schema }),
      cleanup: async () => {
        await dropSchema(schema);
      },
    },
  );

  it('keeps two schemas of one database apart, each with its own migration table', async () => {
    const [a, b] = [`${prefix}_a`, `${prefix}_b`];
    const storeA = await openPostgresStore({ url, schema: a });
    const storeB = await openPostgresStore({ url, schema: b });
    try {
      await storeA.accounts.createAccount({ nick: 'Alice', passwordHash: 'h', createdAt: 1 });
      expect(await storeB.accounts.getAccount('Alice')).toBeUndefined();
      const tables = await admin.query<{ schema: string }>(
        "SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'kysely_migration' AND table_schema IN ($1, $2) ORDER BY 1",
        [a, b],
      );
      expect(tables.rows.map((row) => row.schema)).toEqual([a, b]);
    } finally {
      await storeA.close();
      await storeB.close();
      await dropSchema(a);
      await dropSchema(b);
    }
  });
});

describe('openPostgresStore', () => {
  it('fails loudly, naming the server but not the password, when nothing listens', async () => {
    const error = await openPostgresStore({
      url: 'postgres://parlor:secret@127.0.0.1:1/parlor',
      connectTimeoutMs: 2000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /^Cannot connect to PostgreSQL at postgres:\/\/parlor:\*\*\*@127\.0\.0\.1:1\/parlor: /,
    );
    expect((error as Error).message).not.toContain('secret');
  });

  it('refuses a schema name it would have to quote', async () => {
    await expect(openPostgresStore({ url, schema: 'x"; DROP TABLE y' })).rejects.toThrow(
      /Invalid PostgreSQL schema/,
    );
  });
});
