/**
 * Operators and moderation (D1): operator login, suspensions, bans, kicks, shutdown, and the audit
 * log of it all. Plugs into the server; imports server, protocol and the store ports.
 */
export { banMessage, suspensionMessage, untilText } from './describe-sanction.ts';
export { type ModerationOptions, registerModeration } from './moderation.ts';
export { SanctionBook } from './sanction-book.ts';
