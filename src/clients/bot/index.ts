/**
 * `parlor bot` (issue 5, G2): a Connect Four bot that plays over the public protocol like any
 * client, with the client library, and picks its moves with the solver's player levels on the
 * solver thread of src/analysis. May import only the client library, the Node links, the protocol,
 * the games and analysis (through their index.ts).
 */

export { Bot, type BotOptions, defaultGames } from './bot.ts';
export { type BotView, readConnect4View } from './connect4-view.ts';
export { BOT_GAME, type BotMode, type ClockRequest } from './lobby.ts';
export { type RunBotOptions, type RunTankBotOptions, runBot, runTankBot } from './run-bot.ts';
export { type TankBotMode, TankPlayer, type TankPlayerOptions } from './tank-player.ts';
export { type TurnClock, thinkingDeadline } from './think-time.ts';
export { quickColumn, type Thinker, type ThinkRequest, type Thought, threadThinker } from './thinker.ts';
