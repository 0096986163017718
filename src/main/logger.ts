import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

/**
 * The server's logger: JSON lines (one object per line) when standard output is a file or pipe,
 * coloured human-readable lines when it is a terminal.
 */
export const createLogger = (level: string): Logger => {
  const options = { level, base: { service: 'parlor' } };
  if (process.stdout.isTTY) {
    return pino(
      options,
      pretty({ colorize: true, sync: true, singleLine: true, ignore: 'pid,hostname,service' }),
    );
  }
  return pino(options, pino.destination({ dest: 1, sync: true }));
};
