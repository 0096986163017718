/**
 * Text mode: what a human types with `nc` (slash commands, plain lines) as protocol requests, and
 * server messages as readable lines. Pure and isomorphic; imports only the protocol. The server
 * uses it on TCP and the terminal client uses it for its own commands and output.
 */

export { parseDuration } from './bang-commands.ts';
export { findCommand, helpLines, TEXT_COMMANDS, type TextCommand } from './commands.ts';
export { type LineContext, parseTextLine } from './parse-line.ts';
export { plainStyle, type RenderContext, renderTextLines, type TextStyle } from './render.ts';
export type { TextInput, TextRequest } from './text-input.ts';
export { TextView } from './text-view.ts';
