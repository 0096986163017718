import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runPlay } from '../clients/cli/index.ts';
import {
  type Command,
  type Config,
  flagOf,
  loadConfig,
  type OptionName,
  type OptionSpec,
  optionSpecs,
  optionsOf,
  redactConfig,
  renderOptionsHelp,
} from '../config/index.ts';
import { BOT_SUMMARY, botHelp, runBotCommand } from './bot-command.ts';
import { createLogger } from './logger.ts';
import { makeSelfSignedCertificate } from './self-signed.ts';
import { type RunningServer, startServer } from './server-main.ts';
import { runSolve, SOLVE_SUMMARY, solveHelp } from './solve-command.ts';
import { readFileOrExplain, UsageError } from './usage-error.ts';

const VERSION = '0.1.0';

const COMMANDS: Record<Command, { summary: string; usage: string }> = {
  serve: {
    summary: 'Start a Parlor server (TCP JSON + text mode, WebSocket).',
    usage: 'parlor serve [OPTIONS]',
  },
  play: { summary: 'Chat from the terminal (the Parlor terminal client).', usage: 'parlor play [OPTIONS]' },
  cert: {
    summary: 'Write a self-signed TLS certificate and key for development (for serve --tls-cert/--tls-key).',
    usage: 'parlor cert [--out DIR] [--hosts NAME,...]',
  },
};

const mainHelp = (): string =>
  [
    `Parlor ${VERSION} — a real-time game and chat server, with its clients.`,
    '',
    'Usage: parlor COMMAND [OPTIONS]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)}${c.summary}`),
    `  ${'solve'.padEnd(8)}${SOLVE_SUMMARY}`,
    `  ${'bot'.padEnd(8)}${BOT_SUMMARY}`,
    '  help    Show help of a command: parlor help serve',
    '',
    'Options:',
    '  -h, --help     Show help',
    '  -v, --version  Show the version',
    '',
    'Every option is also an environment variable (PARLOR_...); flags win. See docs/config.md.',
  ].join('\n');

const commandHelp = (command: Command): string =>
  [
    `Usage: ${COMMANDS[command].usage}`,
    '',
    COMMANDS[command].summary,
    '',
    'Options:',
    renderOptionsHelp(command),
    '  --print-config  Print the effective configuration as JSON (secrets redacted) and exit',
    '  -h, --help      Show this help',
  ].join('\n');

const parseFlags = (command: Command, args: string[]) => {
  const names = optionsOf(command);
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
    'print-config': { type: 'boolean' },
  };
  for (const name of names) {
    const spec: OptionSpec = optionSpecs[name];
    options[flagOf(name)] = { type: spec.type === 'boolean' ? 'boolean' : 'string' };
  }
  try {
    const { values } = parseArgs({ args, options, strict: true, allowPositionals: false });
    const flags: Partial<Record<OptionName, string>> = {};
    for (const name of names) {
      const value = values[flagOf(name)];
      if (typeof value === 'string') flags[name] = value;
      else if (value === true) flags[name] = 'true';
    }
    return { flags, help: values.help === true, printConfig: values['print-config'] === true };
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (see: parlor ${command} --help)`);
  }
};

const readConfigFile = (path: string | undefined): unknown => {
  if (path === undefined) return undefined;
  const text = readFileOrExplain('config file', path).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
};

const configFor = (command: Command, args: string[], env: NodeJS.ProcessEnv) => {
  const { flags, help, printConfig } = parseFlags(command, args);
  if (help) return { help: true as const };
  const file = readConfigFile(flags.config ?? env.PARLOR_CONFIG);
  const loaded = loadConfig(command, { file, env, flags });
  if (!loaded.ok) throw new UsageError(`invalid configuration:\n  ${loaded.problems.join('\n  ')}`);
  return { help: false as const, config: loaded.config, printConfig };
};

const startupMessage = (error: unknown, config: Config): string => {
  const e = error as NodeJS.ErrnoException & { port?: number; address?: string };
  if (e.code === 'EADDRINUSE')
    return `cannot listen on ${e.address ?? config.host}:${e.port}: the port is already in use`;
  if (e.code === 'EADDRNOTAVAIL') return `cannot listen on ${config.host}: no such address on this machine`;
  if (e.code === 'EACCES') return `cannot listen on ${e.address ?? config.host}:${e.port}: permission denied`;
  return (e.message ?? String(error)).split('\n')[0] as string;
};

/** `parlor cert`: writes DIR/cert.pem and DIR/key.pem (the key readable by its owner only). */
const writeCertificate = async (config: Config): Promise<number> => {
  const hosts = config.hosts
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '');
  const pair = await makeSelfSignedCertificate(hosts, config.days);
  try {
    mkdirSync(config.out, { recursive: true });
    writeFileSync(join(config.out, 'cert.pem'), pair.cert);
    writeFileSync(join(config.out, 'key.pem'), pair.key, { mode: 0o600 });
  } catch (error) {
    process.stderr.write(
      `parlor cert: cannot write to ${config.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`,
    );
    return 1;
  }
  const cert = join(config.out, 'cert.pem');
  const key = join(config.out, 'key.pem');
  process.stdout.write(
    [
      `Wrote ${cert} and ${key} (self-signed, for ${['localhost', '127.0.0.1', '::1', ...hosts].join(', ')}; ${config.days} days).`,
      `SHA-1 fingerprint: ${pair.fingerprint}`,
      `Serve with:   parlor serve --tls-cert ${cert} --tls-key ${key}`,
      `Connect with: parlor play --tls --ca ${cert}`,
      '',
    ].join('\n'),
  );
  return 0;
};

/**
 * Runs the server until SIGINT, SIGTERM or an operator's `!shutdown`, then stops gracefully (D2):
 * clients are told, sessions end, the store is closed, exit code 0. A second signal during the
 * shutdown exits at once with code 1.
 */
const serve = async (config: Config): Promise<number> => {
  const logger = createLogger(config.logLevel);
  let finished: (code: number) => void = () => {};
  const exitCode = new Promise<number>((resolve) => {
    finished = resolve;
  });
  let running: RunningServer | undefined;
  let stopping = false;
  const stop = (why: string, message = 'The server is shutting down.') => {
    if (stopping) {
      if (why === 'operator') return;
      process.stderr.write('parlor serve: second signal, exiting at once\n');
      process.exit(1);
    }
    stopping = true;
    logger.info({ event: 'shutdown', why }, `shutting down (${why})`);
    (running?.close(`${message} You may reconnect later.`) ?? Promise.resolve()).then(
      () => {
        logger.info({ event: 'stopped' }, 'stopped');
        finished(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        finished(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  try {
    running = await startServer(config, logger, {
      onShutdownRequest: (message) => stop('operator', message),
    });
  } catch (error) {
    process.stderr.write(`parlor serve: ${startupMessage(error, config)}\n`);
    return 1;
  }
  return exitCode;
};

/**
 * The `parlor` command. Returns the exit code: 0 ok, 1 failure (bad flag, bad config, port in
 * use, server unreachable), never a stack trace for a user mistake.
 */
export const main = async (argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> => {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help') {
    process.stdout.write(`${mainHelp()}\n`);
    return first === undefined ? 1 : 0;
  }
  if (first === '-v' || first === '--version') {
    process.stdout.write(`parlor ${VERSION}\n`);
    return 0;
  }
  if (first === 'help') {
    const topic = rest[0];
    if (topic === undefined) process.stdout.write(`${mainHelp()}\n`);
    else if (topic === 'solve') process.stdout.write(`${solveHelp()}\n`);
    else if (topic === 'bot') process.stdout.write(`${botHelp()}\n`);
    else if (topic in COMMANDS) process.stdout.write(`${commandHelp(topic as Command)}\n`);
    else {
      process.stderr.write(`parlor: unknown command "${topic}" (see: parlor --help)\n`);
      return 1;
    }
    return 0;
  }
  if (first === 'solve') {
    // Not a server or client command: no configuration schema, its own flags (solve-command.ts).
    try {
      return await runSolve(rest, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
    } catch (error) {
      if (error instanceof UsageError) {
        process.stderr.write(`parlor solve: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
  }
  if (first === 'bot') {
    // A client with its own flags (bot-command.ts), like solve: no configuration schema.
    try {
      return await runBotCommand(rest, { stdout: process.stdout, stderr: process.stderr });
    } catch (error) {
      if (error instanceof UsageError) {
        process.stderr.write(`parlor bot: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
  }
  if (!(first in COMMANDS)) {
    process.stderr.write(`parlor: unknown command "${first}" (see: parlor --help)\n`);
    return 1;
  }
  const command = first as Command;
  try {
    const parsed = configFor(command, rest, env);
    if (parsed.help) {
      process.stdout.write(`${commandHelp(command)}\n`);
      return 0;
    }
    if (parsed.printConfig) {
      process.stdout.write(`${JSON.stringify(redactConfig(parsed.config, command), null, 2)}\n`);
      return 0;
    }
    if (command === 'serve') return await serve(parsed.config);
    if (command === 'cert') return await writeCertificate(parsed.config);
    const { config } = parsed;
    const secure = config.tls || config.url?.startsWith('wss:') === true;
    return await runPlay({
      host: config.connectHost,
      port: config.connectPort,
      url: config.url,
      nick: config.nick,
      input: process.stdin,
      output: process.stdout,
      ...(secure
        ? {
            tls: {
              rejectUnauthorized: !config.insecure,
              ...(config.ca === undefined ? {} : { ca: readFileOrExplain('--ca', config.ca) }),
            },
          }
        : {}),
    });
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`parlor ${command}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
};
