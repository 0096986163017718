import { useEffect, useState } from 'preact/hooks';
import { Tanks } from '../../../games/index.ts';
import { type AppState, TABLE_TAB, type TableInfo } from '../app/model.ts';
import type { ParlorApp } from '../app/parlor-app.ts';
import { selectTab } from '../app/reduce.ts';

/** The parts of an option's description (from `game.listing`) the form uses. */
interface OptionSpec {
  readonly default?: unknown;
  readonly values?: readonly string[];
  readonly min?: number;
  readonly max?: number;
}

/** Match lengths offered, in seconds. */
const LENGTHS = [10, 30, 60, 180, 300, 600];

/** The name of a map id, from the maps this client knows. */
export const mapName = (id: unknown): string => Tanks.MAPS.get(String(id))?.name ?? String(id);

/** Seats taken at a table: people and bots. */
export const seatsTaken = (table: TableInfo): number => table.players.length + table.bots;

/** The tank arena on the Play page: create a table, join a public one or one by its code. */
export function TankArenaCard({ app, state }: { app: ParlorApp; state: AppState }) {
  const specs = (state.games.find((g) => g.id === 'tanks')?.options ?? {}) as Record<string, OptionSpec>;
  const maps = specs.map?.values ?? Tanks.MAP_IDS;
  const minSeats = specs.seats?.min ?? 2;
  const maxSeats = specs.seats?.max ?? 8;
  const [map, setMap] = useState(String(specs.map?.default ?? maps[0]));
  const [seats, setSeats] = useState(Math.min(maxSeats, 4));
  const [bots, setBots] = useState(0);
  const [seconds, setSeconds] = useState(180);
  const [hidden, setHidden] = useState(false);
  const [code, setCode] = useState('');
  useEffect(() => app.listTables(), [app]);

  const botChoices = Array.from({ length: Math.min(7, seats - 1) + 1 }, (_, n) => n);
  const create = () =>
    app.createTable({
      game: 'tanks',
      options: { map, seats, durationSeconds: seconds },
      private: hidden,
      bots: Math.min(bots, seats - 1),
    });

  return (
    <section class="card tank-card" aria-label="Tank arena">
      <h3>Tank arena</h3>
      <p class="muted">Real-time tanks for 2 to 8: drive, aim, shoot, most kills wins.</p>
      {state.table !== null ? (
        <p role="status">
          You are at {state.table.host}’s table.{' '}
          <button type="button" onClick={() => app.store.update((s) => selectTab(s, TABLE_TAB))}>
            Open the table
          </button>
        </p>
      ) : (
        <form
          class="settings"
          onSubmit={(e) => {
            e.preventDefault();
            create();
          }}
        >
          <label>
            Map
            <select value={map} onChange={(e) => setMap(e.currentTarget.value)}>
              {maps.map((id) => (
                <option key={id} value={id}>
                  {mapName(id)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Seats
            <select value={seats} onChange={(e) => setSeats(Number(e.currentTarget.value))}>
              {Array.from({ length: maxSeats - minSeats + 1 }, (_, i) => minSeats + i).map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label>
            Bots
            <select
              value={Math.min(bots, seats - 1)}
              onChange={(e) => setBots(Number(e.currentTarget.value))}
            >
              {botChoices.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label>
            Length
            <select value={seconds} onChange={(e) => setSeconds(Number(e.currentTarget.value))}>
              {LENGTHS.map((n) => (
                <option key={n} value={n}>
                  {n < 60 ? `${n} s` : `${n / 60} min`}
                </option>
              ))}
            </select>
          </label>
          <label class="check">
            <input type="checkbox" checked={hidden} onChange={(e) => setHidden(e.currentTarget.checked)} />
            Private
          </label>
          <button type="submit" class="primary">
            Create a table
          </button>
        </form>
      )}

      <div class="view-head">
        <h4>Open tables</h4>
        <button type="button" onClick={() => app.listTables()}>
          Refresh
        </button>
      </div>
      {state.tables.length === 0 ? <p class="muted">No public table yet.</p> : null}
      <ul class="list" aria-label="Open tables">
        {state.tables.map((table) => (
          <li key={table.id} class="list-row">
            <span>
              <strong>{table.host}’s table</strong>{' '}
              <span class="muted">
                {mapName(table.options.map)}, {seatsTaken(table)}/{table.seats} seats
                {table.bots > 0 ? ` (${table.bots} bots)` : ''}
                {table.state === 'playing' ? ', playing' : ''}
              </span>
            </span>
            {table.state === 'playing' && table.match !== null ? (
              <button type="button" onClick={() => app.watch(table.match ?? '')}>
                Watch
              </button>
            ) : (
              <button
                type="button"
                aria-label={`Join ${table.host}’s table`}
                disabled={state.table !== null || seatsTaken(table) >= table.seats}
                onClick={() => app.joinTable({ id: table.id })}
              >
                Join
              </button>
            )}
          </li>
        ))}
      </ul>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (code.trim() !== '') app.joinTable({ code });
          setCode('');
        }}
      >
        <input
          aria-label="Table code"
          placeholder="Table code"
          maxLength={12}
          value={code}
          onInput={(e) => setCode(e.currentTarget.value)}
        />
        <button type="submit" disabled={state.table !== null}>
          Join by code
        </button>
      </form>
    </section>
  );
}
