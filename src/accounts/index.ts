/**
 * Accounts (B3): registering a nickname with a password (scrypt), logging in to it, and keeping
 * guests off registered nicknames. Plugs into the server; imports server, protocol and the store
 * port (never an adapter).
 */
export { type AccountOptions, registerAccounts } from './accounts.ts';
export { hashPassword, verifyPassword } from './password.ts';
