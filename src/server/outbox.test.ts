import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Outbox, OutgoingMessage } from './outbox.ts';

const message = (n: number) => new OutgoingMessage({ type: 'bye', data: { message: `m${n}` } });
const texts = (missed: ReturnType<Outbox['since']>) =>
  missed.overflow
    ? 'overflow'
    : missed.events.map(([seq, m]) => [seq, m.message.type === 'bye' && m.message.data.message]);

describe('Outbox', () => {
  it('numbers messages from 1 and returns exactly those after a given seq', () => {
    const outbox = new Outbox(10);
    for (let i = 1; i <= 4; i++) expect(outbox.push(message(i))).toBe(i);
    expect(texts(outbox.since(2))).toEqual([
      [3, 'm3'],
      [4, 'm4'],
    ]);
    expect(texts(outbox.since(4))).toEqual([]);
    expect(texts(outbox.since(0))).toHaveLength(4);
  });

  it('reports overflow when the client missed more than it keeps, or names a seq never sent', () => {
    const outbox = new Outbox(3);
    for (let i = 1; i <= 5; i++) outbox.push(message(i));
    expect(texts(outbox.since(2))).toEqual([
      [3, 'm3'],
      [4, 'm4'],
      [5, 'm5'],
    ]);
    expect(outbox.since(1)).toEqual({ overflow: true });
    expect(outbox.since(6)).toEqual({ overflow: true });
  });

  it('numbers snapshots but does not keep them: a resume across one is an overflow', () => {
    const outbox = new Outbox(10);
    outbox.push(message(1));
    outbox.push(message(2), false);
    outbox.push(message(3));
    expect(outbox.since(0)).toEqual({ overflow: true });
    expect(texts(outbox.since(2))).toEqual([[3, 'm3']]);
  });

  it('always replays in order, none twice, none lost (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 60 }),
        fc.nat(60),
        (limit, pushed, last) => {
          const outbox = new Outbox(limit);
          for (let i = 1; i <= pushed; i++) outbox.push(message(i));
          const lastSeq = Math.min(last, pushed);
          const missed = outbox.since(lastSeq);
          if (pushed - lastSeq > limit) expect(missed.overflow).toBe(true);
          else
            expect(texts(missed)).toEqual(
              Array.from({ length: pushed - lastSeq }, (_, k) => [lastSeq + k + 1, `m${lastSeq + k + 1}`]),
            );
        },
      ),
    );
  });

  it('forgets what the client acknowledged, and still replays what came after', () => {
    const outbox = new Outbox(10);
    for (let i = 1; i <= 6; i++) outbox.push(message(i));
    outbox.acknowledge(4);
    expect(outbox.size).toBe(2);
    expect(texts(outbox.since(4))).toEqual([
      [5, 'm5'],
      [6, 'm6'],
    ]);
    // The client said it had 4: a resume from before that is an overflow (fresh state), not a gap.
    expect(outbox.since(3)).toEqual({ overflow: true });
    outbox.acknowledge(2);
    expect(outbox.size).toBe(2);
    outbox.acknowledge(6);
    expect(outbox.size).toBe(0);
    expect(texts(outbox.since(6))).toEqual([]);
    expect(outbox.push(message(7))).toBe(7);
    expect(texts(outbox.since(6))).toEqual([[7, 'm7']]);
    outbox.acknowledge(99);
    expect(outbox.size).toBe(0);
  });

  it('replays exactly what follows the acknowledged seq, whatever the pushes and acknowledgements (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.oneof(fc.constant('push' as const), fc.nat(80)), { maxLength: 80 }),
        (limit, steps) => {
          const outbox = new Outbox(limit);
          let pushed = 0;
          let acked = 0;
          for (const step of steps) {
            if (step === 'push') outbox.push(message(++pushed));
            else {
              const seq = Math.min(step, pushed);
              outbox.acknowledge(seq);
              acked = Math.max(acked, seq);
            }
          }
          expect(outbox.size).toBeLessThanOrEqual(Math.min(limit, pushed - acked));
          const missed = outbox.since(pushed === 0 ? 0 : Math.max(acked, pushed - outbox.size));
          expect(missed.overflow).toBe(false);
        },
      ),
    );
  });

  it('prefixes the shared serialisation with each session’s seq', () => {
    const shared = message(1);
    expect(shared.frame(7)).toBe('{"seq":7,"type":"bye","data":{"message":"m1"}}');
    expect(shared.frame(8)).toBe('{"seq":8,"type":"bye","data":{"message":"m1"}}');
  });
});

describe('OutgoingMessage', () => {
  it('keeps only its text once delivered (settled), and gives back an equal message from it', () => {
    const message = {
      type: 'chat.message',
      data: { room: 'lobby', from: 'ann', text: 'hi', at: 1 },
    } as const;
    const outgoing = new OutgoingMessage(message);
    expect(outgoing.message).toBe(message);
    expect(outgoing.frame(7)).toBe(
      '{"seq":7,"type":"chat.message","data":{"room":"lobby","from":"ann","text":"hi","at":1}}',
    );
    expect(outgoing.frame(8)).toMatch(/^\{"seq":8,"type":"chat.message",/);
    // While it is being delivered the object is at hand (text-mode peers render it as it is).
    expect(outgoing.message).toBe(message);
    outgoing.settle();
    expect(outgoing.frame(9)).toMatch(/^\{"seq":9,"type":"chat.message",/);
    // The object is no longer held: asking for it rebuilds an equal one from the text.
    expect(outgoing.message).not.toBe(message);
    expect(outgoing.message).toEqual(message);
    expect(outgoing.type).toBe('chat.message');
  });
});
