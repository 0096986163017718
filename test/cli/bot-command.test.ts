import { describe, expect, it } from 'vitest';
import { parseBotArgs } from '../../src/main/bot-command.ts';
import { UsageError } from '../../src/main/usage-error.ts';
import { runCli } from '../helpers/spawn-cli.ts';

//
// `parlor bot` (issue 5, G2): its help and its flags, from the outside. Games are in
// test/integration/bot-*.test.ts.
//

// Each test spawns the CLI (about a second of start-up each), so they run concurrently.
describe.concurrent('parlor bot', () => {
  it('documents every flag in --help and exits 0', async ({ expect }) => {
    const { code, stdout, stderr } = await runCli(['bot', '--help']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(
      /^Usage: parlor bot \(--queue \| --accept-challenges \| --challenge NAME\) \[OPTIONS\]/,
    );
    for (const flag of [
      '--queue',
      '--accept-challenges',
      '--challenge NAME',
      '--level LEVEL',
      '--games N',
      '--nick NAME',
      '--time DURATION',
      '--move DURATION',
      '--host HOST',
      '--port PORT',
      '--url URL',
      '--tls',
      '--ca FILE',
      '--insecure',
      '-h, --help',
    ]) {
      expect(stdout).toContain(`  ${flag} `);
    }
    expect(stdout).toContain('easy, medium, hard, perfect (default hard)');
    expect((await runCli(['help', 'bot'])).stdout).toBe(stdout);
  });

  it('is listed in parlor --help', async ({ expect }) => {
    const { stdout } = await runCli(['--help']);
    expect(stdout).toMatch(
      /^ {2}bot {5}Run a bot that plays on a server: Connect Four .* or the tank arena/m,
    );
  });

  it('refuses a bad flag with one line and exit code 1', async ({ expect }) => {
    const { code, stdout, stderr } = await runCli(['bot', '--queue', '--level', 'expert']);
    expect({ code, stdout, stderr }).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'parlor bot: --level: "expert" is not one of easy, medium, hard, perfect (see: parlor bot --help)\n',
    });
  });

  it('says so in one line when no server answers, and exits 1', async ({ expect }) => {
    // Port 1 on loopback: nothing listens there.
    const { code, stdout, stderr } = await runCli(['bot', '--queue', '--port', '1']);
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toBe(
      'parlor bot: cannot reach the Parlor server at 127.0.0.1:1 (connection refused). Is it running? Start one with: parlor serve\n',
    );
  });

  it('cannot read a --ca file that does not exist', async ({ expect }) => {
    const { code, stderr } = await runCli(['bot', '--queue', '--tls', '--ca', '/nonexistent/ca.pem']);
    expect(code).toBe(1);
    expect(stderr).toBe('parlor bot: cannot read --ca /nonexistent/ca.pem: ENOENT\n');
  });
});

// The command line itself, in this process (each spawn above costs a second).
describe('parseBotArgs', () => {
  it('reads the tank arena flags, and its defaults', () => {
    expect(parseBotArgs(['--game', 'tanks', '--queue'])).toEqual({
      help: false,
      game: 'tanks',
      mode: { kind: 'queue' },
      nick: 'bot-tank',
      target: { host: '127.0.0.1', port: 4000, url: undefined },
    });
    expect(parseBotArgs(['--game', 'tanks', '--table', 'AB3CDE', '--games', '2'])).toMatchObject({
      mode: { kind: 'table', table: 'AB3CDE' },
      games: 2,
    });
    expect(() => parseBotArgs(['--game', 'tanks'])).toThrow('exactly one of --queue, --table ID|CODE');
    expect(() => parseBotArgs(['--game', 'chess', '--queue'])).toThrow('"chess" is not connect4 or tanks');
    expect(() => parseBotArgs(['--queue', '--table', 'X'])).toThrow('--table is for --game tanks');
  });

  it('fills in the defaults: level hard, nick bot-LEVEL, 127.0.0.1:4000 over TCP, no clock', () => {
    expect(parseBotArgs(['--queue'])).toEqual({
      help: false,
      game: 'connect4',
      mode: { kind: 'queue' },
      level: 'hard',
      nick: 'bot-hard',
      target: { host: '127.0.0.1', port: 4000, url: undefined },
    });
  });

  it('reads every flag', () => {
    const args = ['--challenge', 'alice', '--level', 'easy', '--games', '3', '--nick', 'rookie'];
    const more = [
      '--time',
      '5m',
      '--move',
      '30s',
      '--host',
      'example.org',
      '--port',
      '4100',
      '--tls',
      '--insecure',
    ];
    expect(parseBotArgs([...args, ...more])).toEqual({
      help: false,
      game: 'connect4',
      mode: { kind: 'challenge', opponent: 'alice' },
      level: 'easy',
      nick: 'rookie',
      games: 3,
      clock: { gameMs: 300_000, moveMs: 30_000 },
      target: { host: 'example.org', port: 4100, url: undefined, tls: { rejectUnauthorized: false } },
    });
    expect(parseBotArgs(['--accept-challenges', '--url', 'wss://example.org/ws'])).toMatchObject({
      mode: { kind: 'accept' },
      target: { url: 'wss://example.org/ws', tls: { rejectUnauthorized: true } },
    });
    expect(parseBotArgs(['--queue', '-h'])).toEqual({ help: true });
  });

  it.for<[string[], string]>([
    [[], 'give exactly one of --queue, --accept-challenges, --challenge NAME'],
    [
      ['--queue', '--accept-challenges'],
      'give exactly one of --queue, --accept-challenges, --challenge NAME (not several)',
    ],
    [['--queue', '--level', 'expert'], '--level: "expert" is not one of easy, medium, hard, perfect'],
    [['--queue', '--games', '0'], '--games: "0" is not an integer from 1 to 1000000'],
    [['--queue', '--games', 'many'], '--games: "many" is not an integer from 1 to 1000000'],
    [['--queue', '--nick', 'x'], '--nick: "x" is not a nickname (2 to 12 of A-Z a-z 0-9 _ -)'],
    [['--challenge', 'no body'], '--challenge: "no body" is not a nickname (2 to 12 of A-Z a-z 0-9 _ -)'],
    [['--challenge', 'Bot-Hard'], '--challenge: the bot cannot challenge itself'],
    [['--queue', '--move', '10ms'], '--move: "10ms" is not a duration from 1s to 1d (e.g. 30s, 5m, 1h)'],
    [['--queue', '--time', '2d'], '--time: "2d" is not a duration from 1s to 1d (e.g. 30s, 5m, 1h)'],
    [
      ['--accept-challenges', '--move', '30s'],
      '--time and --move go with --queue or --challenge (a challenger sets the clock)',
    ],
    [['--queue', '--port', '70000'], '--port: "70000" is not an integer from 1 to 65535'],
    [['--queue', '--url', 'http://x'], '--url: "http://x" is not a ws:// or wss:// URL'],
    [
      ['--queue', '--tls', '--insecure', '--ca', 'ca.pem'],
      '--insecure and --ca contradict each other: choose one',
    ],
    [['--queue', '--colour'], "Unknown option '--colour'"],
    [['--queue', 'extra'], "Unexpected argument 'extra'. This command does not take positional arguments"],
  ])('refuses %j', ([args, message]) => {
    expect(() => parseBotArgs(args)).toThrow(new UsageError(`${message} (see: parlor bot --help)`));
  });
});
