/** The server's name and version, as announced in `welcome`. */
export const SERVER_NAME = 'Parlor 0.1.0';

/** The first line a text-mode (nc/telnet) user sees. */
export const TEXT_BANNER = `Welcome to ${SERVER_NAME}! Type /nick NAME to choose a nickname, /help for commands.`;
