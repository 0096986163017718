import type { ServerData, UserState } from '../../../protocol/index.ts';

//
// The browser client's state: one immutable value, folded from server messages (reduce.ts) and a
// few local actions (which tab is open, toasts). Components only read it; a change is a new value,
// so Preact re-renders exactly what changed by identity.
//

export type Challenge = ServerData<'challenge.received'>['challenge'];
export type MatchInfo = ServerData<'match.started'>['match'];
export type ClockState = ServerData<'match.started'>['clock'];
export type MatchResult = ServerData<'match.ended'>['result'];
export type MatchSummary = ServerData<'match.listing'>['matches'][number];
export type RecordSummary = ServerData<'record.listing'>['records'][number];
export type MatchRecord = ServerData<'record.match'>['record'];
export type Analysis = ServerData<'analysis.result'>;
export type OperUser = ServerData<'oper.users'>['users'][number];
export type GameInfo = ServerData<'game.listing'>['games'][number];
export type TableInfo = ServerData<'table.joined'>['table'];

/** Where the connection stands, as the header shows it. */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'down' | 'closed';

/** One line of a conversation. `from` null: a notice (joins, topics, results), not someone's words. */
export interface Line {
  readonly n: number;
  readonly at: number;
  readonly from: string | null;
  readonly text: string;
}

/**
 * A room's or a private conversation's lines. Keys: `room:NAME` and `pm:NICK`; a match's chat is
 * the room `match-ID`, shown inside the match, not as a tab of its own.
 */
export interface Conversation {
  readonly key: string;
  readonly lines: readonly Line[];
  readonly unread: number;
}

export interface RoomState {
  readonly topic: string;
  /** Members by nickname, with what they are doing. */
  readonly members: Readonly<Record<string, UserState>>;
}

/** A match the user plays or watches (or just finished). */
export interface MatchState {
  readonly info: MatchInfo;
  readonly version: number;
  readonly view: unknown;
  readonly clock: ClockState;
  /** `Date.now()` when `clock` arrived, to count down from it. */
  readonly clockAt: number;
  readonly result: MatchResult | null;
  readonly record: string | null;
  readonly lastMove: { readonly seat: number; readonly by: string; readonly text: string } | null;
  readonly away: readonly string[];
  readonly rematchOfferedBy: string | null;
}

/** A finished match opened in the replay viewer, at `ply` moves from the start. */
export interface Replay {
  readonly record: MatchRecord;
  readonly ply: number;
}

export interface Toast {
  readonly id: number;
  readonly text: string;
  readonly tone: 'info' | 'error';
}

/** The fixed tabs, besides conversations (`room:…`, `pm:…`) and matches (`match:ID`). */
export const PAGES = ['play', 'watch', 'history', 'operator'] as const;
export type Page = (typeof PAGES)[number];

export interface AppState {
  readonly connection: { readonly status: ConnectionStatus; readonly detail: string };
  readonly me: string | null;
  readonly operator: boolean;
  readonly conversations: Readonly<Record<string, Conversation>>;
  /** Conversation and match tabs, in the order they opened. */
  readonly tabs: readonly string[];
  /** The open tab: a key of `tabs`, or a page. */
  readonly active: string;
  readonly rooms: Readonly<Record<string, RoomState>>;
  /** Everyone connected with a nickname (from `user.list`, kept current by state changes). */
  readonly users: Readonly<Record<string, UserState>>;
  readonly games: readonly GameInfo[];
  readonly incoming: readonly Challenge[];
  readonly outgoing: readonly Challenge[];
  /** The private match this user opened and that waits for someone with its code. */
  readonly privateMatch: Challenge | null;
  readonly queue: { readonly game: string; readonly waiting: number } | null;
  /** The table of a real-time game this user sits at (tab `table`). */
  readonly table: TableInfo | null;
  /** Public tables, from the latest `table.list`. */
  readonly tables: readonly TableInfo[];
  readonly matches: Readonly<Record<string, MatchState>>;
  /** The match this user plays, or played last (for a rematch). */
  readonly myMatch: string | null;
  readonly live: readonly MatchSummary[];
  readonly records: readonly RecordSummary[];
  readonly replay: Replay | null;
  /** Solver analyses by position (columns played from the empty board). */
  readonly analyses: Readonly<Record<string, Analysis>>;
  readonly operUsers: readonly OperUser[];
  readonly toasts: readonly Toast[];
  /** A counter for line and toast ids. */
  readonly serial: number;
}

/** Lines kept per conversation: older ones scroll away for good. */
export const MAX_LINES = 500;

export const initialState: AppState = {
  connection: { status: 'connecting', detail: '' },
  me: null,
  operator: false,
  conversations: {},
  tabs: [],
  active: 'room:lobby',
  rooms: {},
  users: {},
  games: [],
  incoming: [],
  outgoing: [],
  privateMatch: null,
  queue: null,
  table: null,
  tables: [],
  matches: {},
  myMatch: null,
  live: [],
  records: [],
  replay: null,
  analyses: {},
  operUsers: [],
  toasts: [],
  serial: 0,
};

export const roomKey = (room: string): string => `room:${room}`;
export const privateKey = (nick: string): string => `pm:${nick}`;
export const matchKey = (id: string): string => `match:${id}`;
/** The tab of the table the user sits at. */
export const TABLE_TAB = 'table';
