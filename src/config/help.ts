import {
  type Command,
  envOf,
  flagOf,
  type OptionName,
  type OptionSpec,
  optionSpecs,
  optionsOf,
} from './schema.ts';

const defaultText = (spec: OptionSpec): string => {
  if (spec.default === undefined) return 'not set';
  const unit = 'unit' in spec && spec.unit ? ` ${spec.unit}` : '';
  return `${spec.default}${unit}`;
};

const valueHint = (spec: OptionSpec): string => {
  switch (spec.type) {
    case 'integer':
    case 'number':
      return spec.unit ? spec.unit.toUpperCase().replace(/[^A-Z]+/g, '_') : 'N';
    case 'choice':
      return spec.choices.join('|');
    case 'string':
      return 'TEXT';
    case 'boolean':
      return '';
  }
};

/** The options section of `parlor COMMAND --help`. */
export const renderOptionsHelp = (command: Command): string => {
  const rows = optionsOf(command).map((name: OptionName) => {
    const spec: OptionSpec = optionSpecs[name];
    return {
      flag: `--${flagOf(name)} ${valueHint(spec)}`.trimEnd(),
      text: `${spec.help} [default: ${defaultText(spec)}; env ${envOf(name)}]`,
    };
  });
  const width = Math.max(...rows.map((r) => r.flag.length)) + 2;
  return rows.map((r) => `  ${r.flag.padEnd(width)}${r.text}`).join('\n');
};

const COMMAND_TITLES: Record<Command, string> = {
  serve: '`parlor serve`: the server',
  play: '`parlor play`: the terminal client',
  cert: '`parlor cert`: a self-signed certificate for development',
};

/** docs/config.md, generated from the schema (`npm run docs:config`; a test checks it is current). */
export const renderConfigDoc = (): string => {
  const parts = [
    '# Configuration',
    '',
    '<!-- Generated from src/config/schema.ts by `npm run docs:config`. Do not edit by hand. -->',
    '',
    'Every option can be given, from weakest to strongest, as its default, as a key of the JSON file named by',
    '`--config` (server only), as an environment variable, or as a command-line flag. Invalid values are all',
    'reported at once, one line each, and the command exits with code 1.',
    '',
  ];
  for (const command of ['serve', 'play', 'cert'] as const) {
    parts.push(
      `## ${COMMAND_TITLES[command]}`,
      '',
      '| Flag | Environment | Config key | Default | Meaning |',
      '|---|---|---|---|---|',
    );
    for (const name of optionsOf(command)) {
      const spec: OptionSpec = optionSpecs[name];
      const key = command === 'serve' && name !== 'config' ? `\`${name}\`` : '–';
      const range = spec.type === 'integer' || spec.type === 'number' ? ` (${spec.min}–${spec.max})` : '';
      const choices = spec.type === 'choice' ? ` One of: ${spec.choices.join(', ')}.` : '';
      parts.push(
        `| \`--${flagOf(name)}\` | \`${envOf(name)}\` | ${key} | ${defaultText(spec)}${range} | ${spec.help}${choices} |`,
      );
    }
    parts.push('');
  }
  return parts.join('\n');
};
