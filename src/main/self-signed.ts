import { isIP } from 'node:net';
import { generate } from 'selfsigned';

/** A certificate and its private key, PEM-encoded. */
export interface CertificatePair {
  readonly cert: string;
  readonly key: string;
  readonly fingerprint: string;
}

/**
 * Makes a self-signed certificate for development (A4): valid for `localhost`, 127.0.0.1, ::1 and
 * the given extra host names or addresses, for `days` days. Clients must be told to trust it
 * (`parlor play --tls --ca cert.pem`) or to skip the check (`--insecure`).
 */
export const makeSelfSignedCertificate = async (
  hosts: readonly string[] = [],
  days = 365,
): Promise<CertificatePair> => {
  const names = [...new Set(['localhost', '127.0.0.1', '::1', ...hosts])];
  const altNames = names.map((name) =>
    isIP(name) ? { type: 7 as const, ip: name } : { type: 2 as const, value: name },
  );
  const now = new Date();
  const pems = await generate([{ name: 'commonName', value: hosts[0] ?? 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: now,
    notAfterDate: new Date(now.getTime() + days * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { cert: pems.cert, key: pems.private, fingerprint: pems.fingerprint };
};
