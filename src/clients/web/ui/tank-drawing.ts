import { Tanks } from '../../../games/index.ts';
import type { DrawnTank } from '../app/tank-interpolation.ts';
import type { TankFrame } from '../app/tank-stream.ts';

//
// Drawing a tank match on a 2D canvas, in arena pixels (the caller sets the scale). Plain Canvas
// 2D: a few rectangles and arcs per tank, the walls as one path built once per arena.
//

/** One colour per seat, told apart on the dark floor. */
export const SEAT_COLORS = [
  '#4f8cff',
  '#e5484d',
  '#30a46c',
  '#f5a524',
  '#b07cff',
  '#2ec4c4',
  '#ff7eb6',
  '#c9d1d9',
];

export const seatColor = (seat: number): string => SEAT_COLORS[seat % SEAT_COLORS.length]!;

const FLOOR = '#1a1f27';
const WALL = '#3b4454';
const WALL_EDGE = '#4c5668';

/** The size of the arena in pixels. */
export const arenaSize = (arena: Tanks.Arena) => ({
  width: arena.width * arena.cellSize,
  height: arena.height * arena.cellSize,
});

/** The wall cells as one path, in pixels. */
export function wallPath(arena: Tanks.Arena): Path2D {
  const path = new Path2D();
  const size = arena.cellSize;
  arena.walls.forEach((wall, i) => {
    if (wall) path.rect((i % arena.width) * size, Math.floor(i / arena.width) * size, size, size);
  });
  return path;
}

/**
 * Draws `frame`: floor, walls, wrecks, tanks, bullets, explosions, then names and health on top.
 * `scale` is screen pixels per arena pixel: labels keep a readable size on a small canvas.
 */
export function drawFrame(
  ctx: CanvasRenderingContext2D,
  frame: TankFrame,
  walls: Path2D,
  names: readonly string[],
  scale: number,
): void {
  const { width, height } = arenaSize(frame.arena);
  ctx.fillStyle = FLOOR;
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = WALL;
  ctx.fill(walls);
  ctx.strokeStyle = WALL_EDGE;
  ctx.lineWidth = 1;
  ctx.stroke(walls);

  for (const tank of frame.tanks) if (!tank.alive) drawWreck(ctx, tank);
  for (const tank of frame.tanks) if (tank.alive) drawTank(ctx, tank, tank.seat === frame.me?.seat);
  for (const bullet of frame.bullets) {
    ctx.beginPath();
    ctx.arc(bullet.x, bullet.y, 3, 0, 2 * Math.PI);
    ctx.fillStyle = seatColor(bullet.owner);
    ctx.fill();
    ctx.strokeStyle = '#fff';
    ctx.stroke();
  }
  for (const explosion of frame.explosions) {
    const big = explosion.kind === 'kill';
    const radius = (big ? 10 : 5) + explosion.age * (big ? 34 : 12);
    ctx.beginPath();
    ctx.arc(explosion.x, explosion.y, radius, 0, 2 * Math.PI);
    ctx.fillStyle = `rgba(255, ${big ? 140 : 200}, 60, ${(1 - explosion.age) * 0.8})`;
    ctx.fill();
  }
  const labelScale = Math.max(1, 1 / scale);
  for (const tank of frame.tanks) {
    if (tank.alive) drawLabel(ctx, tank, names[tank.seat] ?? `seat ${tank.seat}`, labelScale);
  }
}

function drawTank(ctx: CanvasRenderingContext2D, tank: DrawnTank, mine: boolean): void {
  const color = seatColor(tank.seat);
  ctx.save();
  ctx.translate(tank.x, tank.y);
  if (mine) {
    ctx.beginPath();
    ctx.arc(0, 0, 18, 0, 2 * Math.PI);
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.35)';
    ctx.lineWidth = 2;
    ctx.stroke();
  }
  ctx.rotate(tank.heading);
  ctx.fillStyle = '#0b0d11';
  ctx.fillRect(-14, -13, 28, 7);
  ctx.fillRect(-14, 6, 28, 7);
  ctx.fillStyle = color;
  ctx.fillRect(-12, -9, 24, 18);
  ctx.rotate(tank.turret - tank.heading);
  ctx.fillStyle = '#11151b';
  ctx.fillRect(0, -2.5, 19, 5);
  ctx.beginPath();
  ctx.arc(0, 0, 7, 0, 2 * Math.PI);
  ctx.fillStyle = color;
  ctx.fill();
  ctx.strokeStyle = '#11151b';
  ctx.lineWidth = 1.5;
  ctx.stroke();
  ctx.restore();
}

function drawWreck(ctx: CanvasRenderingContext2D, tank: DrawnTank): void {
  // Tanks not yet in play sit at (0, 0), inside the border wall: nothing to show.
  if (tank.x === 0 && tank.y === 0) return;
  ctx.save();
  ctx.translate(tank.x, tank.y);
  ctx.rotate(tank.heading);
  ctx.globalAlpha = 0.35;
  ctx.fillStyle = seatColor(tank.seat);
  ctx.fillRect(-12, -9, 24, 18);
  ctx.restore();
}

/** The health bar and name above a tank, `scale` times their size in arena pixels. */
function drawLabel(ctx: CanvasRenderingContext2D, tank: DrawnTank, name: string, scale: number): void {
  const health = tank.health / Tanks.TANK_RULES.maxHealth;
  ctx.save();
  ctx.translate(tank.x, tank.y - 18);
  ctx.scale(scale, scale);
  ctx.fillStyle = 'rgba(0, 0, 0, 0.6)';
  ctx.fillRect(-15, -6, 30, 5);
  ctx.fillStyle = health > 0.5 ? '#30a46c' : health > 0.25 ? '#f5a524' : '#e5484d';
  ctx.fillRect(-14, -5, 28 * health, 3);
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillStyle = '#e7eaf0';
  ctx.fillText(name, 0, -8);
  ctx.restore();
}
