/**
 * The configuration schema of every command, its loading (defaults < file < env < flags) and the
 * help and docs generated from it. Pure: the caller passes in the file, environment and flags.
 */
export { renderConfigDoc, renderOptionsHelp } from './help.ts';
export { type ConfigResult, type ConfigSources, loadConfig, redactConfig } from './load.ts';
export {
  type Command,
  type Config,
  envOf,
  flagOf,
  type OptionName,
  type OptionSpec,
  optionSpecs,
  optionsOf,
} from './schema.ts';
