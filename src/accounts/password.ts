import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const KEY_BYTES = 32;
const R = 8;
const P = 1;

const derive = (password: string, salt: Buffer, logN: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const N = 2 ** logN;
    // scrypt needs 128·N·r bytes; allow that much (and a little more) explicitly.
    scrypt(password, salt, KEY_BYTES, { N, r: R, p: P, maxmem: 256 * N * R }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });

/**
 * Hashes a password with scrypt (slow and memory-hard) and a random salt, as
 * `scrypt$logN$r$p$salt$hash` (base64url), so that the cost can be raised later without breaking
 * old hashes.
 */
export const hashPassword = async (password: string, logN: number): Promise<string> => {
  const salt = randomBytes(16);
  const key = await derive(password, salt, logN);
  return ['scrypt', logN, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
};

/** Checks a password against a stored hash in constant time; a malformed hash never matches. */
export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const [scheme, logN, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || Number(r) !== R || Number(p) !== P || salt === undefined || hash === undefined)
    return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), Number(logN));
  return key.length === expected.length && timingSafeEqual(key, expected);
};
