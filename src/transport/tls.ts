/** A PEM certificate (chain) and its private key: what turns TCP into TLS and HTTP into HTTPS (A4). */
export interface TlsCredentials {
  readonly cert: string | Buffer;
  readonly key: string | Buffer;
}
