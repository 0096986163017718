import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Tanks } from '../../../games/index.ts';
import type { ParlorApp } from '../app/parlor-app.ts';
import type { TankFrame } from '../app/tank-stream.ts';
import { aimAt, TankControls } from './tank-controls.ts';
import { TankDebugHandle } from './tank-debug.ts';
import { arenaSize, drawFrame, seatColor, wallPath } from './tank-drawing.ts';

/** The scoreboard's content: it changes about once a second, so it goes through Preact. */
interface Board {
  readonly scores: readonly Tanks.ScoreRow[];
  readonly left: string;
  readonly over: boolean;
}

const boardOf = (snapshot: Tanks.TanksSnapshot): Board => ({
  scores: snapshot.scores,
  left: Tanks.formatTicks(Tanks.ticksLeft(snapshot)),
  over: snapshot.end !== null,
});

/**
 * A tank match on a canvas, redrawn every animation frame from the match's stream (not from the
 * store), with the timer and the scoreboard beside it (then `children`). `seat`: the player's, or
 * null to watch without controls.
 */
export function TankView({
  app,
  matchId,
  names,
  seat,
  children,
}: {
  app: ParlorApp;
  matchId: string;
  names: readonly string[];
  seat: number | null;
  children?: ComponentChildren;
}) {
  const stageRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const namesRef = useRef(names);
  namesRef.current = names;
  const [board, setBoard] = useState<Board | null>(null);

  useEffect(() => {
    const stage = stageRef.current;
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (stage == null || canvas == null || ctx == null) return;
    let scale = 1;
    let walls: { readonly arena: Tanks.Arena; readonly path: Path2D } | undefined;
    let last: TankFrame | undefined;
    let lastInput = '';
    let lastBoard = '';
    const controls =
      seat === null
        ? undefined
        : new TankControls(canvas, (clientX, clientY) => {
            const rect = canvas.getBoundingClientRect();
            return { x: (clientX - rect.left) / scale, y: (clientY - rect.top) / scale };
          });
    const debug = app.debug ? new TankDebugHandle() : undefined;

    /** Sizes the canvas to the stage, keeping the arena's proportions, at the screen's pixel density. */
    const fitCanvas = (arena: Tanks.Arena) => {
      const { width, height } = arenaSize(arena);
      const room = stage.clientHeight > 0 ? stage.clientHeight : Number.POSITIVE_INFINITY;
      scale = Math.max(0.1, Math.min(stage.clientWidth / width, room / height));
      const dpr = window.devicePixelRatio || 1;
      const pixelWidth = Math.round(width * scale * dpr);
      const pixelHeight = Math.round(height * scale * dpr);
      if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
        canvas.width = pixelWidth;
        canvas.height = pixelHeight;
        canvas.style.width = `${pixelWidth / dpr}px`;
        canvas.style.height = `${pixelHeight / dpr}px`;
      }
      ctx.setTransform(scale * dpr, 0, 0, scale * dpr, 0, 0);
    };

    const steer = (now: number) => {
      const stream = app.tankStream(matchId);
      if (controls === undefined || stream === undefined || stream.ended) return;
      const keys = controls.take();
      const me = last?.me;
      const aim =
        controls.mouse !== undefined && me?.alive === true
          ? aimAt(me.x, me.y, controls.mouse.x, controls.mouse.y)
          : undefined;
      const input = {
        throttle: keys.throttle,
        turn: keys.turn,
        fire: keys.fire || keys.firePressed,
        ...(aim === undefined ? {} : { aim }),
      };
      const key = `${input.throttle} ${input.turn} ${input.fire} ${aim}`;
      if (key === lastInput && !keys.firePressed) return;
      lastInput = key;
      stream.setInput(input, now);
    };

    let request = requestAnimationFrame(function draw(now) {
      request = requestAnimationFrame(draw);
      steer(now);
      const stream = app.tankStream(matchId);
      const frame = stream?.frame(now);
      if (stream === undefined || frame === undefined) return;
      last = frame;
      if (walls?.arena !== frame.arena) walls = { arena: frame.arena, path: wallPath(frame.arena) };
      fitCanvas(frame.arena);
      drawFrame(ctx, frame, walls.path, namesRef.current, scale);
      const next = boardOf(frame.snapshot);
      const key = `${next.left} ${next.scores.join(' ')} ${next.over}`;
      if (key !== lastBoard) {
        lastBoard = key;
        setBoard(next);
      }
      debug?.record(frame, stream);
    });
    return () => {
      cancelAnimationFrame(request);
      controls?.dispose();
      debug?.remove();
    };
  }, [app, matchId, seat]);

  return (
    <div class="tank-view">
      <div class="tank-stage" ref={stageRef}>
        <canvas
          ref={canvasRef}
          class="tank-canvas"
          aria-label={
            seat === null
              ? 'Tank arena'
              : 'Tank arena: WASD or arrows drive, the mouse aims, click or Space fires'
          }
          role="img"
        />
      </div>
      <div class="tank-side">
        <p class="tank-timer" role="timer" aria-label="Time left">
          {board?.left ?? '–'}
        </p>
        <table class="scoreboard" aria-label="Scoreboard">
          <thead>
            <tr>
              <th scope="col">Player</th>
              <th scope="col">Kills</th>
              <th scope="col">Deaths</th>
            </tr>
          </thead>
          <tbody>
            {(board?.scores ?? []).map(([kills, deaths], s) => (
              <tr key={names[s] ?? s} class={s === seat ? 'mine' : ''}>
                <td>
                  <span class="swatch" style={{ background: seatColor(s) }} aria-hidden="true" />
                  {names[s] ?? `seat ${s}`}
                </td>
                <td>{kills}</td>
                <td>{deaths}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {seat !== null && board?.over !== true ? (
          <p class="muted tank-help">WASD or arrows drive, the mouse aims, click or Space fires.</p>
        ) : null}
        {children}
      </div>
    </div>
  );
}
