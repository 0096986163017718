// Flags of the benchmark scripts: each also as a BENCH_* environment variable (the flag wins).
import path from 'node:path';
import { parseArgs } from 'node:util';

const envName = (flag) => `BENCH_${flag.replace(/-/g, '_').toUpperCase()}`;
const camel = (flag) => flag.replace(/-(.)/g, (_, c) => c.toUpperCase());
const words = (text) => text.split(/\s+/).filter((a) => a !== '');

/** The options every benchmark that starts a Parlor server takes (how: 'path' | 'words' | 'text'). */
export const SERVER_OPTIONS = {
  json: { arg: 'FILE', how: 'text', help: 'write all figures as JSON' },
  parlor: { arg: 'BIN', how: 'path', help: 'bin/parlor.js (another build to compare)' },
  'server-node-args': { arg: '=ARGS', how: 'words', help: 'extra node flags for the server(s) (note the =)' },
  'parlor-args': { arg: '=ARGS', how: 'words', help: 'extra flags for parlor serve, e.g. --replay-limit 1' },
  'cpu-profile-dir': { arg: 'DIR', how: 'path', help: "write the server's CPU profile of the measured part" },
};

/**
 * Reads a benchmark's options: `integers` ({ flag: { default, min, max } }, checked) and `texts`
 * ({ flag: { arg, how, help, default? } }). Prints `usage` and the table of options on --help.
 */
export const readBenchOptions = (usage, integers, texts) => {
  const spec = { help: { type: 'boolean', short: 'h' } };
  for (const flag of [...Object.keys(integers), ...Object.keys(texts)]) spec[flag] = { type: 'string' };
  const { values } = parseArgs({ args: process.argv.slice(2), options: spec, strict: true });
  if (values.help) {
    const rows = [
      ...Object.entries(integers).map(([f, o]) => [`--${f}`, String(o.default)]),
      ...Object.entries(texts).map(([f, o]) => [
        `--${f}${o.arg.startsWith('=') ? o.arg : ` ${o.arg}`}`,
        o.help,
      ]),
    ];
    const lines = rows.map(([flag, what], i) => {
      const name = Object.keys(spec).filter((k) => k !== 'help')[i];
      return `  ${flag.padEnd(24)}${envName(name).padEnd(28)}${what}`;
    });
    process.stdout.write(`${usage}\n\n${lines.join('\n')}\n`);
    process.exit(0);
  }
  const options = {};
  for (const [flag, o] of Object.entries(integers)) {
    const raw = values[flag] ?? process.env[envName(flag)];
    const value = raw === undefined ? o.default : Number(raw);
    if (!Number.isInteger(value) || value < o.min || value > o.max) {
      throw new Error(
        `--${flag} (${envName(flag)}) must be an integer from ${o.min} to ${o.max}, not "${raw}"`,
      );
    }
    options[camel(flag)] = value;
  }
  for (const [flag, o] of Object.entries(texts)) {
    const raw = values[flag] ?? process.env[envName(flag)] ?? o.default;
    options[camel(flag)] =
      o.how === 'words'
        ? words(raw ?? '')
        : raw === undefined
          ? undefined
          : o.how === 'path'
            ? path.resolve(raw)
            : raw;
  }
  return options;
};
