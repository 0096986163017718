// Types of the parts of harness.mjs that TypeScript benchmarks (bench/tanks/run.ts) use.

export const HOST: string;
export const ROOT: string;
export function sleep(ms: number): Promise<void>;

export interface CpuUsage {
  readonly user: number;
  readonly system: number;
}

/** A server child process with an IPC channel (see harness.mjs). */
export interface ServerProcess {
  readonly httpPort: Promise<number>;
  readonly child: import('node:child_process').ChildProcess;
  guard<T>(promise: Promise<T>, ms: number, what: string): Promise<T>;
  cpu(): Promise<CpuUsage>;
  /** Starts a CPU profile of the server (and allocation sampling, see ipc-preload.mjs). */
  startProfile(): Promise<void>;
  /** Stops it and writes it to `file`; resolves to the file written. */
  stopProfile(file: string): Promise<string>;
  stop(): Promise<void>;
}

export function startParlor(options: {
  dataDir: string;
  bin?: string;
  nodeArgs?: readonly string[];
  args?: readonly string[];
}): ServerProcess;
