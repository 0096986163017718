/** The server's version (the package version). */
export const SERVER_VERSION = '0.1.0';

/** The server's name and version, as announced in `welcome`. */
export const SERVER_NAME = `Parlor ${SERVER_VERSION}`;

/** The first line a text-mode (nc/telnet) user sees. */
export const TEXT_BANNER = `Welcome to ${SERVER_NAME}! Type /nick NAME to choose a nickname, /help for commands.`;
