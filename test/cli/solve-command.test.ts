import { describe, it } from 'vitest';
import { runCli, spawnCli } from '../helpers/spawn-cli.ts';

//
// `parlor solve` (issue 5) from the outside: the built CLI, one position as an argument or many on
// stdin. Expected scores are Pascal Pons' (his blog's examples and his benchmark sets).
//

/** Runs `parlor solve ARGS` with `input` on stdin. */
const solve = async (args: string[], input = '') => {
  const proc = spawnCli(['solve', ...args]);
  proc.child.stdin?.end(input);
  const code = await proc.exited;
  return { code, stdout: proc.stdout, stderr: proc.stderr };
};

// Each test spawns the CLI (about a second of start-up each), so they run concurrently.
describe.concurrent('parlor solve', () => {
  it('prints the score of a position given as an argument', async ({ expect }) => {
    expect(await solve(['4455'])).toEqual({ code: 0, stdout: '18\n', stderr: '' });
  });

  it('prints the score of each column, "-" for a full one', async ({ expect }) => {
    // Test_L3_R1, line 1 (score −1): columns 1 to 5 are full.
    const position = '2252576253462244111563365343671351441';
    const result = await solve(['--columns', position]);
    expect(result.code).toBe(0);
    const fields = result.stdout.trim().split(' ');
    expect(fields).toHaveLength(7);
    expect(fields.slice(0, 5)).toEqual(['-', '-', '-', '-', '-']);
    expect(Math.max(...fields.filter((f) => f !== '-').map(Number))).toBe(-1);
  });

  it('gives only the outcome with --weak', async ({ expect }) => {
    expect((await solve(['--weak'], '4455\n44455554221\n')).stdout).toBe('4455 1\n44455554221 -1\n');
  });

  it('prints JSON objects with --json, null for a full column', async ({ expect }) => {
    const position = '2252576253462244111563365343671351441';
    const columns = JSON.parse((await solve(['--json', '--columns', position])).stdout);
    expect(columns.position).toBe(position);
    expect(columns.columns).toHaveLength(7);
    expect(columns.columns[0]).toBeNull();
    expect(Math.max(...columns.columns.filter((c: number | null) => c !== null))).toBe(-1);
  });

  it('solves stdin line by line, ignoring fields after the position (a benchmark file works)', async ({
    expect,
  }) => {
    const input = '2252576253462244111563365343671351441 -1\n7422341735647741166133573473242566 1\n';
    const result = await solve([], input);
    expect(result).toEqual({
      code: 0,
      stdout: '2252576253462244111563365343671351441 -1\n7422341735647741166133573473242566 1\n',
      stderr: '',
    });
  });

  it('answers each line as soon as it is solved, before stdin ends', async ({ expect }) => {
    const proc = spawnCli(['solve']);
    proc.child.stdin?.write('4455\n');
    await proc.waitFor('4455 18\n');
    proc.child.stdin?.write('44455554221\n');
    await proc.waitFor('44455554221 -15\n');
    proc.child.stdin?.end();
    expect(await proc.exited).toBe(0);
  });

  it('reports an invalid line on stderr, goes on with the others, and exits with 1', async ({ expect }) => {
    const result = await solve([], '4455\n44x\n4444444\n44455554221\n');
    expect(result.stdout).toBe('4455 18\n44455554221 -15\n');
    expect(result.stderr).toContain('line 2: invalid position "44x": move 3 ("x") is not a column 1-7');
    expect(result.stderr).toContain('line 3: invalid position "4444444": move 7 ("4") is in a full column');
    expect(result.code).toBe(1);
  });

  it('reports invalid lines as JSON objects on stdout with --json', async ({ expect }) => {
    const result = await solve(['--json'], '4455\n1212121\n');
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ position: '4455', score: 18 });
    expect(lines[1].position).toBe('1212121');
    expect(lines[1].error).toMatch(/four in a row/);
    expect(result.code).toBe(1);
  });

  it('answers the empty board at once from the opening book, and knows each first move', async ({
    expect,
  }) => {
    expect((await solve([''])).stdout).toBe('1\n');
    expect((await solve(['--columns', ''])).stdout).toBe('-2 -1 0 1 0 -1 -2\n');
  });

  it('refuses a bad command line in one line, with exit code 1', async ({ expect }) => {
    for (const args of [
      ['4x'],
      ['12', '34'],
      ['--table-bits', '3', '4'],
      ['--frobnicate'],
      ['--book', '/nonexistent'],
    ]) {
      const result = await solve(args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^parlor solve: [^\n]+\n$/);
    }
  });

  it('is listed in parlor --help and explains itself in parlor solve --help', async ({ expect }) => {
    expect((await runCli(['--help'])).stdout).toMatch(/^ {2}solve +Solve Connect Four positions/m);
    const help = await solve(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: parlor solve \[OPTIONS\] \[POSITION\]/);
    expect((await runCli(['help', 'solve'])).stdout).toBe(help.stdout);
  });
});
