const REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'unknown host',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection broken',
  DEPTH_ZERO_SELF_SIGNED_CERT:
    'its certificate is self-signed and not trusted: pass --ca CERT.pem, or --insecure for development',
  SELF_SIGNED_CERT_IN_CHAIN:
    'its certificate chain is not trusted: pass --ca with the authority’s certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    'its certificate cannot be verified: pass --ca with the authority’s certificate',
  CERT_HAS_EXPIRED: 'its certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate is not for this host name',
  EPROTO: 'the TLS handshake failed: does the server use TLS on this port?',
};

/** A short human reason for a socket error, e.g. "connection refused" for ECONNREFUSED. */
export const describeSocketError = (error: unknown): string => {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (typeof code === 'string') return REASONS[code] ?? code;
  return error instanceof Error ? error.message : String(error);
};
