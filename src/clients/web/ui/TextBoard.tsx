import { useState } from 'preact/hooks';

/** Any other turn-based game: its own text picture, and a move typed in its notation. */
export function TextBoard({ text, onMove }: { text: string; onMove?: (move: string) => void }) {
  const [move, setMove] = useState('');
  return (
    <div class="text-board">
      <pre data-testid="text-board">{text}</pre>
      {onMove !== undefined ? (
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (move.trim() !== '') onMove(move.trim());
            setMove('');
          }}
        >
          <input aria-label="Your move" value={move} onInput={(e) => setMove(e.currentTarget.value)} />
          <button type="submit" class="primary">
            Play
          </button>
        </form>
      ) : null}
    </div>
  );
}
