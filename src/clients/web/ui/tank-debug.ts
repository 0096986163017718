import type { TankFrame, TankStream } from '../app/tank-stream.ts';

//
// `window.__parlorTank`, for Chromium tests only (the page's `?debug=1`): a read-only view of what
// the tank view drew last, and the own tank's position at each of the last frames, so that a test
// can check from outside that the tank moves smoothly.
//

/** One drawn frame of the own tank. */
export interface TrailPoint {
  /** The animation frame's time, ms. */
  readonly t: number;
  /** Pixels. */
  readonly x: number;
  readonly y: number;
  readonly alive: boolean;
}

const TRAIL = 1200;

declare global {
  interface Window {
    __parlorTank?: unknown;
  }
}

export class TankDebugHandle {
  readonly #trail: TrailPoint[] = [];
  #frame: TankFrame | undefined;
  #stream: TankStream | undefined;
  #frames = 0;

  constructor() {
    Object.defineProperty(window, '__parlorTank', {
      configurable: true,
      get: () => this.#read(),
    });
  }

  /** Records a drawn frame; the trail's time is the one the frame shows (`frame.at`). */
  record(frame: TankFrame, stream: TankStream): void {
    this.#frame = frame;
    this.#stream = stream;
    this.#frames++;
    const me = frame.me;
    if (me === null) return;
    this.#trail.push({ t: frame.at, x: me.x, y: me.y, alive: me.alive });
    if (this.#trail.length > TRAIL) this.#trail.shift();
  }

  remove(): void {
    delete window.__parlorTank;
  }

  #read() {
    const me = this.#frame?.me ?? null;
    const arena = this.#frame?.arena;
    return {
      /** The arena's size in pixels (the canvas is scaled from it). */
      arena:
        arena === undefined
          ? null
          : { width: arena.width * arena.cellSize, height: arena.height * arena.cellSize },
      x: me?.x ?? null,
      y: me?.y ?? null,
      alive: me?.alive ?? false,
      /** The tick of the latest snapshot received. */
      tick: this.#stream?.latest?.t ?? null,
      frames: this.#frames,
      /** Bullets of the own tank drawn in the last frame. */
      myBullets: me === null ? 0 : (this.#frame?.bullets.filter((b) => b.owner === me.seat).length ?? 0),
      stats: { ...this.#stream?.stats },
      trail: this.#trail.slice(),
    };
  }
}
