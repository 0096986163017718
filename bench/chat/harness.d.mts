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
  guard<T>(promise: Promise<T>, ms: number, what: string): Promise<T>;
  cpu(): Promise<CpuUsage>;
  stop(): Promise<void>;
}

export function startParlor(options: {
  dataDir: string;
  bin?: string;
  nodeArgs?: readonly string[];
  args?: readonly string[];
}): ServerProcess;
