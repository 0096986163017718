import type { TextInput, TextRequest } from './text-input.ts';

/** `!` commands: resuming a session, and the operators' moderation commands (D1). */
export const BANG_COMMANDS = [
  {
    usage: '!reconnect TOKEN',
    help: 'take back your session after a dropped connection (token shown after /nick)',
  },
  { usage: '!list', help: 'operators: every user with address, idle time, state and flags' },
  { usage: '!suspend NAME [DURATION] [REASON]', help: 'operators: mute NAME (may read, not send)' },
  {
    usage: '!ban NAME|ADDRESS [DURATION] [REASON]',
    help: 'operators: disconnect and refuse NAME or ADDRESS',
  },
  { usage: '!forgive NAME|ADDRESS', help: 'operators: lift suspensions and bans' },
  { usage: '!kick NAME [REASON]', help: 'operators: disconnect NAME' },
  { usage: '!shutdown [MESSAGE]', help: 'operators: stop the server, telling everyone MESSAGE' },
] as const;

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** Reads `90`, `30s`, `10m`, `2h`, `1d` or `1w` (a bare number is seconds); undefined if it is not a duration. */
export const parseDuration = (word: string): number | undefined => {
  const match = /^(\d{1,9})([smhdw]?)$/i.exec(word);
  if (match === null) return undefined;
  const unit = (match[2] || 's').toLowerCase() as keyof typeof UNIT_MS;
  const ms = Number(match[1]) * UNIT_MS[unit];
  return ms > 0 ? ms : undefined;
};

const words = (text: string): string[] =>
  text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');

const usage = (text: string): TextInput => ({ kind: 'error', code: 'TEXT_USAGE', message: `Usage: ${text}` });
const request = (r: TextRequest): TextInput => ({ kind: 'request', request: r });

/** `NAME [DURATION] [REASON...]` → its parts. */
const targetDurationReason = (
  args: string[],
): { target: string; durationMs?: number; reason?: string } | undefined => {
  const [target, maybeDuration, ...rest] = args;
  if (target === undefined) return undefined;
  const durationMs = maybeDuration === undefined ? undefined : parseDuration(maybeDuration);
  const reasonWords =
    durationMs === undefined && maybeDuration !== undefined ? [maybeDuration, ...rest] : rest;
  return {
    target,
    ...(durationMs === undefined ? {} : { durationMs }),
    ...(reasonWords.length === 0 ? {} : { reason: reasonWords.join(' ') }),
  };
};

/** Interprets a line starting with `!`, or returns undefined when it is not a known `!` command. */
export const parseBangLine = (line: string): TextInput | undefined => {
  const [head = '', ...args] = words(line);
  const rest = line.trim().slice(head.length).trim();
  switch (head.toLowerCase()) {
    case '!reconnect':
      return args[0] === undefined
        ? usage('!reconnect TOKEN')
        : request({ type: 'session.resume', data: { token: args[0] } });
    case '!list':
      return request({ type: 'oper.list', data: {} });
    case '!suspend': {
      const parts = targetDurationReason(args);
      if (parts === undefined) return usage('!suspend NAME [DURATION] [REASON]');
      const { target, ...more } = parts;
      return request({ type: 'oper.suspend', data: { nick: target, ...more } });
    }
    case '!ban': {
      const parts = targetDurationReason(args);
      return parts === undefined
        ? usage('!ban NAME|ADDRESS [DURATION] [REASON]')
        : request({ type: 'oper.ban', data: parts });
    }
    case '!forgive':
      return args[0] === undefined
        ? usage('!forgive NAME|ADDRESS')
        : request({ type: 'oper.forgive', data: { target: args[0] } });
    case '!kick': {
      const [nick, ...reason] = args;
      if (nick === undefined) return usage('!kick NAME [REASON]');
      return request({
        type: 'oper.kick',
        data: reason.length > 0 ? { nick, reason: reason.join(' ') } : { nick },
      });
    }
    case '!shutdown':
      return request({ type: 'oper.shutdown', data: rest === '' ? {} : { message: rest } });
    default:
      return undefined;
  }
};
