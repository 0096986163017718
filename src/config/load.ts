import {
  type Command,
  type Config,
  crossChecks,
  envOf,
  flagOf,
  type OptionName,
  type OptionSpec,
  optionSpecs,
  optionsOf,
} from './schema.ts';

/** The raw layers a configuration is built from; `main/` reads them from the world. */
export interface ConfigSources {
  /** Parsed JSON of the `--config` file, if any. */
  readonly file?: unknown;
  /** The process environment. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Flag values by option name, as typed on the command line. */
  readonly flags: Readonly<Partial<Record<OptionName, string>>>;
}

/** Either the frozen config, or every problem found (not just the first). */
export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

const coerce = (spec: OptionSpec, raw: unknown): { value: unknown } | { problem: string } => {
  switch (spec.type) {
    case 'integer':
    case 'number': {
      const n =
        typeof raw === 'number'
          ? raw
          : typeof raw === 'string' && raw.trim() !== ''
            ? Number(raw)
            : Number.NaN;
      const kind = spec.type === 'integer' ? 'an integer' : 'a number';
      if (
        !Number.isFinite(n) ||
        (spec.type === 'integer' && !Number.isInteger(n)) ||
        n < spec.min ||
        n > spec.max
      ) {
        return { problem: `must be ${kind} from ${spec.min} to ${spec.max} (got ${JSON.stringify(raw)})` };
      }
      return { value: n };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { value: raw };
      const word = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
      if (['true', '1', 'yes', 'on'].includes(word)) return { value: true };
      if (['false', '0', 'no', 'off'].includes(word)) return { value: false };
      return { problem: `must be true or false (got ${JSON.stringify(raw)})` };
    }
    case 'choice':
      return typeof raw === 'string' && spec.choices.includes(raw)
        ? { value: raw }
        : { problem: `must be one of ${spec.choices.join(', ')} (got ${JSON.stringify(raw)})` };
    case 'string':
      if (typeof raw !== 'string') return { problem: `must be a string (got ${JSON.stringify(raw)})` };
      if (spec.pattern && !spec.pattern.test(raw)) {
        return {
          problem: `must be ${spec.patternHelp ?? `like ${spec.pattern}`} (got ${JSON.stringify(raw)})`,
        };
      }
      return { value: raw };
  }
};

/**
 * Builds the configuration of `command`: defaults < config file < environment < flags. Every
 * value is checked against the schema and all problems are reported together.
 */
export const loadConfig = (command: Command, sources: ConfigSources): ConfigResult => {
  const names = optionsOf(command);
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const name of Object.keys(optionSpecs) as OptionName[]) values[name] = optionSpecs[name].default;

  let file: Record<string, unknown> = {};
  if (sources.file !== undefined) {
    if (typeof sources.file !== 'object' || sources.file === null || Array.isArray(sources.file)) {
      problems.push('config file: must hold a JSON object');
    } else {
      file = sources.file as Record<string, unknown>;
      for (const key of Object.keys(file)) {
        // `config` names the file itself; inside it, it would mean nothing.
        if (!(names as string[]).includes(key) || key === 'config')
          problems.push(`config file: unknown option "${key}"`);
      }
    }
  }

  for (const name of names) {
    const spec: OptionSpec = optionSpecs[name];
    const layers: Array<[string, unknown]> = [
      [`config file key "${name}"`, name === 'config' ? undefined : file[name]],
      [`environment variable ${envOf(name)}`, sources.env[envOf(name)]],
      [`flag --${flagOf(name)}`, sources.flags[name]],
    ];
    for (const [where, raw] of layers) {
      if (raw === undefined) continue;
      const result = coerce(spec, raw);
      if ('problem' in result) problems.push(`${where}: ${result.problem}`);
      else values[name] = result.value;
    }
  }
  if (problems.length === 0) {
    for (const rule of crossChecks) {
      const problem = rule.commands.includes(command) ? rule.check(values as Config) : undefined;
      if (problem !== undefined) problems.push(problem);
    }
  }
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, config: Object.freeze(values) as Config };
};

/** The config as JSON with secrets replaced, for `--print-config`. */
export const redactConfig = (config: Config, command: Command): Record<string, unknown> =>
  Object.fromEntries(
    optionsOf(command).map((name) => {
      const spec: OptionSpec = optionSpecs[name];
      return [name, spec.secret && config[name] !== undefined ? '<redacted>' : config[name]];
    }),
  );
