// Types of options.mjs for TypeScript benchmarks (bench/tanks/run.ts).

export interface TextOption {
  readonly arg: string;
  readonly how: 'path' | 'words' | 'text';
  readonly help: string;
  readonly default?: string;
}

export const SERVER_OPTIONS: Readonly<Record<string, TextOption>>;

export function readBenchOptions(
  usage: string,
  integers: Readonly<Record<string, { default: number; min: number; max: number }>>,
  texts: Readonly<Record<string, TextOption>>,
): Record<string, unknown>;
