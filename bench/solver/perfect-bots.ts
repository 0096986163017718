/**
 * `npm run bench:perfect-bots`: two `parlor bot --level perfect` processes play Connect Four on a
 * server, each over its own TCP connection, with the shipped opening book (issue 5: "two perfect
 * bots produce the known result of the empty position"). One challenges the other for one game;
 * the stored record must show the known result: the player who moved first wins, with their 21st
 * stone (the 41st of the game). It takes minutes (positions of 5 to 8 stones are searched, past
 * the book): a script, not a test of `npm test`. Exits 1 if the result is not the known one.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { tcpLink } from '../../src/clients/node/index.ts';
import { ParlorClient } from '../../src/clients/sdk/index.ts';
import { HOST, ROOT, startParlor } from '../chat/harness.mjs';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parlor-bench-perfect-'));
const server = startParlor({ dataDir });
// The TCP port comes over the IPC channel too (listened for at once, before it can arrive).
const tcpPort = new Promise<number>((resolve) => {
  const child = (server as unknown as { child: NodeJS.EventEmitter }).child;
  child.on('message', (m: { type?: string; kind?: string; port?: number }) => {
    if (m.type === 'listening' && m.kind === 'tcp') resolve(m.port as number);
  });
});
await server.guard(server.httpPort, 30_000, 'start');
const port = await server.guard(tcpPort, 30_000, 'TCP port');

/** A bot process; `ready` settles once it prints `readyLine`. */
const bot = (args: string[], readyLine = '') => {
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'bin/parlor.js'),
      'bot',
      '--level',
      'perfect',
      '--port',
      String(port),
      '--games',
      '1',
      ...args,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    onReady = resolve;
  });
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    process.stdout.write(`[${args.at(-1)}] ${chunk}`);
    if (chunk.includes(readyLine)) onReady();
  });
  return { ready, exited: new Promise<number | null>((resolve) => child.on('exit', resolve)) };
};

const started = performance.now();
const second = bot(['--accept-challenges', '--nick', 'perfect2'], 'waiting for challenges');
// A challenger gives up on a player who is not there: it starts once the other waits.
await second.ready;
const first = bot(['--challenge', 'perfect2', '--nick', 'perfect1']);
const codes = await Promise.all([first.exited, second.exited]);
const seconds = (performance.now() - started) / 1000;

const reader = await ParlorClient.connect(tcpLink(HOST, port), { nick: 'referee' });
const listing = await reader.request('record.list', { player: 'perfect1', limit: 1 });
const summary = listing.data.records[0];
if (summary === undefined) throw new Error('no match was stored');
const record = (await reader.request('record.get', { id: summary.id })).data.record;
reader.close();
await server.stop();
rmSync(dataDir, { recursive: true, force: true });

// Seat 0 is the challenger; who moved first is in the options (drawn at random by default).
const moves = record.moves.length;
const firstMover = moves % 2 === 1 ? record.seat : record.seat === null ? null : 1 - record.seat;
const known = record.seat !== null && moves === 41;
console.log(
  `perfect vs perfect, two processes over TCP: ${record.winner ?? 'nobody'} won (${record.reason}) on stone ${moves}; ` +
    `the first mover was seat ${firstMover} (${record.players[firstMover ?? 0]}); ${seconds.toFixed(0)} s; exit codes ${codes.join(', ')}`,
);
console.log(
  known ? 'known result reproduced: the first player wins with the 41st stone' : 'NOT the known result',
);
process.exit(known && codes.every((c) => c === 0) ? 0 : 1);
