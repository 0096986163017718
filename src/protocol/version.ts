/** The protocol version this code speaks; a `hello` naming another version is refused. */
export const PROTOCOL_VERSION = 1;
