/**
 * The numbers of the tank arena's physics, all integers (see trig.ts for why). Lengths are in
 * units of 1/256 pixel, times in ticks of 1/60 s, angles in steps of 1/4096 turn.
 */
export const UNITS_PER_PIXEL = 256;

/** Simulation steps per second. */
export const TICK_RATE_HZ = 60;

/** The physics of tanks and bullets. Shared by the rules, the snapshot readers and the bot. */
export const TANK_RULES = {
  /** Tanks are circles for every collision. 14 px. */
  tankRadiusUnits: 14 * UNITS_PER_PIXEL,
  /** Forward top speed: 2 px a tick, 120 px/s. */
  maxSpeedUnitsPerTick: 512,
  /** Reverse top speed: 1.25 px a tick, 75 px/s. */
  maxReverseSpeedUnitsPerTick: 320,
  /** Speed gained per tick with the throttle in the direction of motion (full speed in 16 ticks). */
  accelerationUnitsPerTick: 32,
  /** Speed lost per tick with the throttle against the direction of motion. */
  brakingUnitsPerTick: 64,
  /** Speed lost per tick with the throttle released. */
  coastingUnitsPerTick: 40,
  /** Hull turn per tick with `turn` held: 32 steps, about 169°/s. */
  hullTurnStepsPerTick: 32,
  /** Turret turn per tick toward the aim: 64 steps, about 338°/s. */
  turretTurnStepsPerTick: 64,
  maxHealth: 100,
  /** Health one bullet takes: four hits kill. */
  bulletDamage: 25,
  /** Ticks between two shots of one tank (0.5 s). */
  fireCooldownTicks: 30,
  /** 6 px a tick, 360 px/s. Below a cell and below twice the tank and bullet radii, so nothing tunnels. */
  bulletSpeedUnitsPerTick: 6 * UNITS_PER_PIXEL,
  /** A bullet vanishes this many ticks after it was fired (2 s, 720 px of flight). */
  bulletLifetimeTicks: 120,
  /** Bullets are points against walls and circles of this radius against tanks. 3 px. */
  bulletRadiusUnits: 3 * UNITS_PER_PIXEL,
  /** A bullet cannot hit the tank that fired it during its first ticks (a ricochet later can). */
  ownBulletSafeTicks: 15,
  /** A destroyed tank comes back this many ticks after its death (3 s). */
  respawnDelayTicks: 180,
  /** Events (hits, kills) stay in the state and the snapshots this many ticks (0.25 s). */
  eventWindowTicks: 15,
} as const;

/** Where a bullet leaves the turret: just outside the tank's circle. */
export const MUZZLE_UNITS = TANK_RULES.tankRadiusUnits + TANK_RULES.bulletRadiusUnits + UNITS_PER_PIXEL;
