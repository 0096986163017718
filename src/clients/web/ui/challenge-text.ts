import type { Challenge } from '../app/model.ts';

/** `Connect Four, 1 min per move`: what a challenge is for, in words. */
export function describeChallenge(challenge: Challenge): string {
  const game = challenge.game === 'connect4' ? 'Connect Four' : challenge.game;
  return `${game}${describeClock(challenge.timeControl)}`;
}

export function describeClock(clock: { moveMs: number | null; gameMs: number | null }): string {
  const parts: string[] = [];
  if (clock.moveMs !== null) parts.push(`${formatDuration(clock.moveMs)} per move`);
  if (clock.gameMs !== null) parts.push(`${formatDuration(clock.gameMs)} per game`);
  return parts.length === 0 ? '' : `, ${parts.join(', ')}`;
}

/** `0:42` or `12:05`; whole seconds, rounded up (a clock at 0.3 s still shows 0:01). */
export function formatClock(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function formatDuration(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`;
}
