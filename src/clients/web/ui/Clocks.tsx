import { useEffect, useState } from 'preact/hooks';
import type { MatchState } from '../app/model.ts';
import { formatClock } from './challenge-text.ts';

/** Re-renders every `ms` while `active`. */
function useTicking(active: boolean, ms: number): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((n) => n + 1), ms);
    return () => clearInterval(timer);
  }, [active, ms]);
}

/**
 * Each player's time: the game time left as of the last move, and for the player to move the
 * time until their deadline, counting down. Nothing when the match has no clock.
 */
export function Clocks({ match, toMove }: { match: MatchState; toMove: number | null }) {
  const { clock, info } = match;
  const running = match.result === null && clock.deadlineAt !== null;
  useTicking(running, 250);
  if (info.timeControl.moveMs === null && info.timeControl.gameMs === null) return null;
  return (
    <div class="clocks">
      {info.players.map((nick, seat) => {
        const moving = running && seat === toMove;
        const remaining = moving
          ? Math.max(0, (clock.deadlineAt ?? 0) - Date.now())
          : (clock.remainingMs[seat] ?? info.timeControl.moveMs);
        return (
          <span
            key={nick}
            class={`clock ${moving ? 'running' : ''}`}
            role="timer"
            aria-label={`${nick}'s clock`}
          >
            <span class="clock-nick">{nick}</span>
            <span class="clock-time">{remaining === null ? '–' : formatClock(remaining)}</span>
          </span>
        );
      })}
    </div>
  );
}
