import { Tanks } from '../../../games/index.ts';

//
// The keyboard and mouse of a tank player: WASD or the arrow keys drive, the mouse aims, a click
// or Space fires. Keys are read on the window (not while typing in a field, such as the match
// chat); everything is released when the window loses focus, so that no key stays stuck down.
//

/** What the player holds, the aim excepted (that comes from the mouse and the tank's position). */
export interface HeldKeys {
  readonly throttle: Tanks.Axis;
  readonly turn: Tanks.Axis;
  readonly fire: boolean;
}

const FORWARD = new Set(['KeyW', 'ArrowUp']);
const BACKWARD = new Set(['KeyS', 'ArrowDown']);
const LEFT = new Set(['KeyA', 'ArrowLeft']);
const RIGHT = new Set(['KeyD', 'ArrowRight']);
const FIRE = new Set(['Space']);
const HANDLED = new Set([...FORWARD, ...BACKWARD, ...LEFT, ...RIGHT, ...FIRE]);

const typing = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

const axis = (plus: boolean, minus: boolean): Tanks.Axis => (plus === minus ? 0 : plus ? 1 : -1);

/** The direction from (fromX, fromY) to (toX, toY) in angle steps, 0 = east, clockwise on screen. */
export const aimAt = (fromX: number, fromY: number, toX: number, toY: number): number =>
  Math.round((Math.atan2(toY - fromY, toX - fromX) * Tanks.ANGLE_STEPS) / (2 * Math.PI)) &
  (Tanks.ANGLE_STEPS - 1);

export class TankControls {
  readonly #down = new Set<string>();
  readonly #toArena: (clientX: number, clientY: number) => { x: number; y: number };
  #mouseDown = false;
  /** A fire pressed since the last `take`: a click shorter than a frame still fires. */
  #firePressed = false;
  /** The mouse in arena pixels, once it has been over the canvas. */
  mouse: { x: number; y: number } | undefined;
  readonly #off: (() => void)[] = [];

  constructor(
    canvas: HTMLCanvasElement,
    toArena: (clientX: number, clientY: number) => { x: number; y: number },
  ) {
    this.#toArena = toArena;
    this.#listen(window, 'keydown', (e) => this.#key(e as KeyboardEvent, true));
    this.#listen(window, 'keyup', (e) => this.#key(e as KeyboardEvent, false));
    this.#listen(window, 'blur', () => this.#releaseAll());
    this.#listen(canvas, 'mousemove', (e) => this.#move(e as MouseEvent));
    this.#listen(canvas, 'mousedown', (e) => {
      this.#move(e as MouseEvent);
      this.#mouseDown = true;
      this.#firePressed = true;
    });
    this.#listen(window, 'mouseup', () => {
      this.#mouseDown = false;
    });
    // The context menu would steal the mouse-up.
    this.#listen(canvas, 'contextmenu', (e) => e.preventDefault());
  }

  /** What is held now, and whether fire was pressed since the last call. */
  take(): HeldKeys & { readonly firePressed: boolean } {
    const held = (keys: Set<string>) => [...keys].some((key) => this.#down.has(key));
    const fire = held(FIRE) || this.#mouseDown;
    const firePressed = this.#firePressed;
    this.#firePressed = false;
    return {
      throttle: axis(held(FORWARD), held(BACKWARD)),
      turn: axis(held(RIGHT), held(LEFT)),
      fire,
      firePressed,
    };
  }

  dispose(): void {
    for (const off of this.#off) off();
    this.#releaseAll();
  }

  #key(event: KeyboardEvent, down: boolean): void {
    if (!HANDLED.has(event.code) || (down && typing(event.target))) return;
    // Arrows and Space would scroll the page.
    event.preventDefault();
    if (down) {
      if (FIRE.has(event.code) && !this.#down.has(event.code)) this.#firePressed = true;
      this.#down.add(event.code);
    } else this.#down.delete(event.code);
  }

  #move(event: MouseEvent): void {
    this.mouse = this.#toArena(event.clientX, event.clientY);
  }

  #releaseAll(): void {
    this.#down.clear();
    this.#mouseDown = false;
  }

  #listen(target: EventTarget, type: string, listener: (event: Event) => void): void {
    target.addEventListener(type, listener);
    this.#off.push(() => target.removeEventListener(type, listener));
  }
}
