import { nickKey } from '../protocol/index.ts';
import { reject, type ServerContext } from '../server/index.ts';
import type { AccountStore } from '../store/index.ts';
import { hashPassword, verifyPassword } from './password.ts';

/** Account settings (from the server configuration). */
export interface AccountOptions {
  /** scrypt cost as log2(N). */
  readonly passwordHashLogN: number;
}

const MIN_PASSWORD = 8;
const MAX_PASSWORD = 128;

/**
 * Optional accounts (B3): `account.register` protects the session's nickname with a password;
 * `account.login` takes a registered nickname back. A registered nickname cannot be taken by a
 * session that has not logged in to it. Passwords are never logged nor kept: only their hash.
 */
export const registerAccounts = (
  server: ServerContext,
  accounts: AccountStore,
  options: AccountOptions,
): void => {
  // A hash to check against when the nickname has no account, so that a wrong nickname takes as
  // long to refuse as a wrong password.
  const decoy = hashPassword('decoy password', options.passwordHashLogN);

  server.checkNick(async (session, nick) => {
    if (session.account === nickKey(nick)) return undefined;
    const account = await accounts.getAccount(nick);
    return account === undefined
      ? undefined
      : reject(
          'NICK_REGISTERED',
          `"${account.nick}" is registered: log in with /login ${account.nick} PASSWORD.`,
        );
  });

  server.handle('account.register', async (session, request) => {
    const { password } = request.data;
    if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
      return reject(
        'ACCOUNT_BAD_PASSWORD',
        `A password must be ${MIN_PASSWORD} to ${MAX_PASSWORD} characters.`,
      );
    }
    const nick = session.nick as string;
    const passwordHash = await hashPassword(password, options.passwordHashLogN);
    const created = await accounts.createAccount({ nick, passwordHash, createdAt: server.now() });
    if (!created.ok) return reject('ACCOUNT_EXISTS', `"${nick}" is already registered.`);
    session.account = nickKey(nick);
    server.reply(session, request, 'account.registered', { nick });
    return undefined;
  });

  server.handle('account.login', async (session, request) => {
    const { nick, password } = request.data;
    const account = await accounts.getAccount(nick);
    const valid = await verifyPassword(password, account?.passwordHash ?? (await decoy));
    if (account === undefined || !valid) return reject('AUTH_FAILED', 'Wrong nickname or password.');
    const key = nickKey(account.nick);
    // The owner proved who they are: a session of theirs still held (away, or on an old
    // connection) gives way instead of locking them out for the grace period.
    const holder = server.byNick(account.nick);
    if (holder !== undefined && holder !== session && holder.account === key) {
      server.endSession(holder, 'SESSION_REPLACED', 'You logged in from another connection.');
    }
    const before = session.account;
    session.account = key;
    const claim = await server.claimNick(session, account.nick);
    if ('code' in claim) {
      session.account = before;
      return claim;
    }
    server.reply(session, request, 'account.logged_in', { nick: account.nick, previous: claim.previous });
    server.named(session, claim.previous);
    return undefined;
  });
};
