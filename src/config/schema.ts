/**
 * Every option of every command, in one table: name, type, default, unit and help. The CLI flags,
 * the environment variables, `--help`, docs/config.md and the validation all come from here.
 */

/** The commands that take options. */
export type Command = 'serve' | 'play' | 'cert';

interface OptionBase {
  /** Commands the option belongs to. */
  readonly commands: readonly Command[];
  /** One-line help text. */
  readonly help: string;
  /** Environment variable; by default PARLOR_ + the flag in upper snake case. */
  readonly env?: string;
  /** Marks options that must never be printed (secrets). */
  readonly secret?: boolean;
}

/** An integer option; `unit` is shown in help (`ms`, `bytes`, ...). */
export interface IntegerOption extends OptionBase {
  readonly type: 'integer';
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly unit?: string;
}

/** A decimal number option. */
export interface NumberOption extends OptionBase {
  readonly type: 'number';
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly unit?: string;
}

/** A string option; `default: undefined` means "not set". */
export interface StringOption extends OptionBase {
  readonly type: 'string';
  readonly default: string | undefined;
  readonly pattern?: RegExp;
  readonly patternHelp?: string;
}

/** One of a fixed set of words. */
export interface ChoiceOption extends OptionBase {
  readonly type: 'choice';
  readonly default: string;
  readonly choices: readonly string[];
}

/** An on/off flag (`--tls`); from the environment or a file: true/false, 1/0, yes/no. */
export interface BooleanOption extends OptionBase {
  readonly type: 'boolean';
  readonly default: boolean;
}

export type OptionSpec = IntegerOption | NumberOption | StringOption | ChoiceOption | BooleanOption;

const serve = ['serve'] as const;
const play = ['play'] as const;
const cert = ['cert'] as const;
const PORT = { type: 'integer', min: 0, max: 65535 } as const;

/**
 * The options, keyed by their camelCase name. The flag is the kebab-case name (`tcpPort` →
 * `--tcp-port`), the environment variable PARLOR_ + upper snake case (`PARLOR_TCP_PORT`).
 */
export const optionSpecs = {
  config: {
    type: 'string',
    default: undefined,
    commands: serve,
    help: 'JSON file of options (camelCase keys, as in docs/config.md); overridden by environment and flags.',
  },
  host: { type: 'string', default: '0.0.0.0', commands: serve, help: 'Address to listen on.' },
  tcpPort: {
    ...PORT,
    default: 4000,
    commands: serve,
    help: 'TCP port: JSON lines and text mode. 0 picks a free port.',
  },
  httpPort: {
    ...PORT,
    default: 8080,
    commands: serve,
    help: 'HTTP port: WebSocket at /ws. 0 picks a free port.',
  },
  dataDir: {
    type: 'string',
    default: './data',
    commands: serve,
    help: 'Directory for the server’s stored data.',
  },
  logLevel: {
    type: 'choice',
    default: 'info',
    choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    commands: serve,
    help: 'Least severe log level written.',
  },
  pingIntervalMs: {
    type: 'integer',
    default: 20_000,
    min: 10,
    max: 3_600_000,
    unit: 'ms',
    commands: serve,
    help: 'A connection idle this long is pinged, and pinged again at this interval.',
  },
  pingMissLimit: {
    type: 'integer',
    default: 2,
    min: 1,
    max: 100,
    commands: serve,
    help: 'Unanswered pings after which a JSON connection is dropped.',
  },
  textIdleTimeoutMs: {
    type: 'integer',
    default: 600_000,
    min: 10,
    max: 86_400_000,
    unit: 'ms',
    commands: serve,
    help: 'A text-mode connection silent this long (no line, not even PONG) is told why and closed.',
  },
  textBannerDelayMs: {
    type: 'integer',
    default: 300,
    min: 0,
    max: 60_000,
    unit: 'ms',
    commands: serve,
    help: 'A new TCP connection silent this long is greeted with the text-mode banner.',
  },
  resumeGraceMs: {
    type: 'integer',
    default: 60_000,
    min: 0,
    max: 86_400_000,
    unit: 'ms',
    commands: serve,
    help: 'A session whose connection drops is held this long for session.resume (0: ended at once).',
  },
  userStateDigestMs: {
    type: 'integer',
    default: 500,
    min: 0,
    max: 60_000,
    unit: 'ms',
    commands: serve,
    help: 'Playing/free changes are announced to everyone in one user.states digest at most this often.',
  },
  challengeTimeoutMs: {
    type: 'integer',
    default: 60_000,
    min: 1000,
    max: 86_400_000,
    unit: 'ms',
    commands: serve,
    help: 'An unanswered challenge expires after this long.',
  },
  privateMatchTimeoutMs: {
    type: 'integer',
    default: 1_800_000,
    min: 1000,
    max: 86_400_000,
    unit: 'ms',
    commands: serve,
    help: 'A private match nobody joined expires (and its join code with it) after this long.',
  },
  analysisTimeMs: {
    type: 'integer',
    default: 2000,
    min: 10,
    max: 60_000,
    unit: 'ms',
    commands: serve,
    help: 'Time the solver spends on one analysis request; columns not solved by then are answered with bounds.',
  },
  snapshotRateHz: {
    type: 'integer',
    default: 20,
    min: 1,
    max: 60,
    unit: 'Hz',
    commands: serve,
    help: 'Snapshots of a real-time match sent to each player and spectator per second (the game ticks at its own rate, 60 Hz for tanks).',
  },
  simulationThreads: {
    type: 'integer',
    default: 0,
    min: 0,
    max: 64,
    commands: serve,
    help: "Threads the real-time matches are simulated on, each match on the one with the fewest when it starts; they tick together, in parallel, so a tick of every match takes as long as the slowest thread's part. 0: one per core, up to 4.",
  },
  simulationRealtimePriority: {
    type: 'integer',
    default: 10,
    min: 0,
    max: 99,
    commands: serve,
    help: 'Linux real-time priority (SCHED_FIFO, 1-99) the simulation thread of real-time matches asks for, so that no other thread or program takes its core in the middle of a tick; 0: none (not asked for on a machine with one core, and given up by a thread that falls behind, so that an overloaded simulation cannot hold every core). It takes CAP_SYS_NICE or RLIMIT_RTPRIO (root has it); refused, the thread asks for simulationNice instead, and the log says so.',
  },
  simulationNice: {
    type: 'integer',
    default: -10,
    min: -20,
    max: 19,
    commands: serve,
    help: "Priority (nice value) the simulation thread of real-time matches asks for on Linux when simulationRealtimePriority is 0 or refused: below 0, its ticks run ahead of busier threads; without the right (CAP_SYS_NICE or RLIMIT_NICE) it keeps the server's, and the log says so.",
  },
  computerMoveMs: {
    type: 'integer',
    default: 2000,
    min: 10,
    max: 60_000,
    unit: 'ms',
    commands: serve,
    help: 'Most time the computer opponent thinks about one move (less when its clock is shorter).',
  },
  analysisQueueLimit: {
    type: 'integer',
    default: 16,
    min: 1,
    max: 10_000,
    unit: 'requests',
    commands: serve,
    help: 'Analysis requests waiting for the solver thread at most; more are refused with ANALYSIS_BUSY.',
  },
  replayLimit: {
    type: 'integer',
    default: 500,
    min: 1,
    max: 100_000,
    unit: 'events',
    commands: serve,
    help: 'Most messages kept per session for replay on resume (only those its client has not acknowledged); past it, a resuming client gets a fresh full state.',
  },
  shutdownTimeoutMs: {
    type: 'integer',
    default: 10_000,
    min: 0,
    max: 600_000,
    unit: 'ms',
    commands: serve,
    help: 'On shutdown, clients get this long to receive the notice and close before they are cut off.',
  },
  maxFrameBytes: {
    type: 'integer',
    default: 16_384,
    min: 256,
    max: 16_777_216,
    unit: 'bytes',
    commands: serve,
    help: 'Longest line (TCP) or frame (WebSocket) accepted; longer ones get PROTO_FRAME_TOO_LARGE and a close.',
  },
  maxChatChars: {
    type: 'integer',
    default: 1000,
    min: 1,
    max: 1_000_000,
    unit: 'characters',
    commands: serve,
    help: 'Longest chat or private message.',
  },
  maxTopicChars: {
    type: 'integer',
    default: 200,
    min: 1,
    max: 10_000,
    unit: 'characters',
    commands: serve,
    help: 'Longest room topic.',
  },
  maxRoomsPerSession: {
    type: 'integer',
    default: 20,
    min: 1,
    max: 10_000,
    commands: serve,
    help: 'Rooms one session may be in at once, the lobby included.',
  },
  chatBurst: {
    type: 'integer',
    default: 5,
    min: 1,
    max: 1_000_000,
    unit: 'messages',
    commands: serve,
    help: 'Flood control: chat and private messages a connection may send at once.',
  },
  chatPerSecond: {
    type: 'number',
    default: 2,
    min: 0.01,
    max: 1_000_000,
    unit: 'messages/s',
    commands: serve,
    help: 'Flood control: sustained chat and private messages per second.',
  },
  messageBurst: {
    type: 'integer',
    default: 40,
    min: 1,
    max: 1_000_000,
    unit: 'messages',
    commands: serve,
    help: 'Flood control: messages of any kind a connection may send at once.',
  },
  messagePerSecond: {
    type: 'number',
    default: 20,
    min: 0.01,
    max: 1_000_000,
    unit: 'messages/s',
    commands: serve,
    help: 'Flood control: sustained messages of any kind per second.',
  },
  floodMaxRefusals: {
    type: 'integer',
    default: 5,
    min: 1,
    max: 1000,
    commands: serve,
    help: 'Messages refused for flooding (RATE_LIMITED) in a row before the connection is closed.',
  },
  maxConnectionsPerAddress: {
    type: 'integer',
    default: 20,
    min: 1,
    max: 1_000_000,
    commands: serve,
    help: 'Open connections allowed from one IP address, over all transports.',
  },
  maxSendBufferBytes: {
    type: 'integer',
    default: 1_048_576,
    min: 1024,
    max: 1_073_741_824,
    unit: 'bytes',
    commands: serve,
    help: 'Unsent output allowed per connection; a client that stops reading past it is dropped.',
  },
  operatorSecret: {
    type: 'string',
    default: undefined,
    secret: true,
    commands: serve,
    help: 'Secret for /oper (oper.login); without one, nobody can become an operator.',
  },
  databaseUrl: {
    type: 'string',
    default: undefined,
    secret: true,
    pattern: /^postgres(ql)?:\/\/\S+$/,
    patternHelp: 'a postgres:// URL',
    commands: serve,
    help: 'Store data in PostgreSQL at this URL instead of the embedded SQLite file in --data-dir.',
  },
  tlsCert: {
    type: 'string',
    default: undefined,
    commands: serve,
    help: 'PEM certificate file: turns on TLS for the TCP port and HTTPS/WSS for the HTTP port (needs --tls-key).',
  },
  tlsKey: {
    type: 'string',
    default: undefined,
    commands: serve,
    help: 'PEM private key file of --tls-cert.',
  },
  passwordHashLogN: {
    type: 'integer',
    default: 15,
    min: 10,
    max: 20,
    commands: serve,
    help: 'scrypt cost of account passwords, as log2(N): 15 is about 0.1 s per hash here.',
  },
  connectHost: {
    type: 'string',
    default: '127.0.0.1',
    commands: play,
    env: 'PARLOR_CONNECT_HOST',
    help: 'Server to connect to (flag --host).',
  },
  connectPort: {
    ...PORT,
    min: 1,
    default: 4000,
    commands: play,
    env: 'PARLOR_CONNECT_PORT',
    help: 'Server TCP port (flag --port).',
  },
  url: {
    type: 'string',
    default: undefined,
    pattern: /^wss?:\/\/\S+$/,
    patternHelp: 'a ws:// or wss:// URL',
    commands: play,
    help: 'Connect over WebSocket to this URL (e.g. ws://localhost:8080/ws) instead of TCP.',
  },
  tls: {
    type: 'boolean',
    default: false,
    commands: play,
    env: 'PARLOR_CONNECT_TLS',
    help: 'Connect over TLS (the server runs with --tls-cert); with --url, use a wss:// URL instead.',
  },
  ca: {
    type: 'string',
    default: undefined,
    commands: play,
    env: 'PARLOR_CONNECT_CA',
    help: 'PEM file of the certificate authority to trust (for a private or self-signed certificate).',
  },
  insecure: {
    type: 'boolean',
    default: false,
    commands: play,
    env: 'PARLOR_CONNECT_INSECURE',
    help: 'Do not check the server certificate (development only: anyone could pretend to be the server).',
  },
  out: {
    type: 'string',
    default: './data/tls',
    commands: cert,
    env: 'PARLOR_CERT_OUT',
    help: 'Directory to write cert.pem and key.pem to.',
  },
  hosts: {
    type: 'string',
    default: '',
    commands: cert,
    env: 'PARLOR_CERT_HOSTS',
    help: 'Extra host names or addresses, comma-separated (localhost, 127.0.0.1 and ::1 are always in).',
  },
  days: {
    type: 'integer',
    default: 365,
    min: 1,
    max: 3650,
    unit: 'days',
    commands: cert,
    env: 'PARLOR_CERT_DAYS',
    help: 'How long the certificate is valid.',
  },
  nick: {
    type: 'string',
    default: undefined,
    pattern: /^[A-Za-z0-9_-]{2,12}$/,
    patternHelp: '2 to 12 of A-Z a-z 0-9 _ -',
    commands: play,
    help: 'Nickname to take on connecting (otherwise use /nick).',
  },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof optionSpecs;

/** Flag names that differ from the kebab-case option name (the client's --host and --port). */
export const flagAliases: Partial<Record<OptionName, string>> = { connectHost: 'host', connectPort: 'port' };

type ValueOf<S> = S extends { type: 'boolean' }
  ? boolean
  : S extends { type: 'integer' | 'number' }
    ? number
    : S extends { default: string }
      ? string
      : string | undefined;

/** The validated, frozen configuration: one field per option. */
export type Config = { readonly [K in OptionName]: ValueOf<(typeof optionSpecs)[K]> };

/** The flag of an option, without the leading dashes. */
export const flagOf = (name: OptionName): string =>
  flagAliases[name] ?? name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The environment variable of an option. */
export const envOf = (name: OptionName): string => {
  const spec: OptionSpec = optionSpecs[name];
  return spec.env ?? `PARLOR_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
};

/** The options of one command, in table order. */
export const optionsOf = (command: Command): OptionName[] =>
  (Object.keys(optionSpecs) as OptionName[]).filter((name) =>
    (optionSpecs[name].commands as readonly Command[]).includes(command),
  );

/** Rules between options, checked after each option is valid on its own. */
export const crossChecks: ReadonlyArray<{
  readonly commands: readonly Command[];
  readonly check: (config: Config) => string | undefined;
}> = [
  {
    commands: ['serve'],
    check: (c) =>
      (c.tlsCert === undefined) === (c.tlsKey === undefined)
        ? undefined
        : '--tls-cert and --tls-key go together: give both, or neither',
  },
  {
    commands: ['play'],
    check: (c) =>
      c.insecure && c.ca !== undefined ? '--insecure and --ca contradict each other: choose one' : undefined,
  },
];
