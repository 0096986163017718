import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ClientMessage,
  type ClientMessageOf,
  clientMessageSchemas,
  type FrameError,
  makeFrame,
  parseClientFrame,
  type RequestId,
} from '../../src/protocol/index.ts';

/** Fixed so that every run checks the same cases; fast-check prints the seed of a failure anyway. */
const SEED = 20260101;

interface Refusal {
  readonly name: string;
  readonly frame: string;
  readonly code: FrameError['code'];
  readonly path?: string;
  readonly re?: RequestId;
}

// Each row is one way a client frame can be wrong, in the order parseClientFrame checks them
// (docs/protocol.md#the-envelope).
const refusals: Refusal[] = [
  { name: 'text that is not JSON', frame: 'hello there', code: 'PROTO_BAD_JSON' },
  { name: 'an empty line', frame: '', code: 'PROTO_BAD_JSON' },
  { name: 'truncated JSON', frame: '{"type":"ping"', code: 'PROTO_BAD_JSON' },
  { name: 'JSON with a trailing comma', frame: '{"type":"ping",}', code: 'PROTO_BAD_JSON' },
  { name: 'two objects on one line', frame: '{"type":"ping"}{"type":"ping"}', code: 'PROTO_BAD_JSON' },
  { name: 'an array', frame: '[{"type":"ping"}]', code: 'PROTO_BAD_MESSAGE', path: '' },
  { name: 'a string', frame: '"ping"', code: 'PROTO_BAD_MESSAGE', path: '' },
  { name: 'a number', frame: '42', code: 'PROTO_BAD_MESSAGE', path: '' },
  { name: 'null', frame: 'null', code: 'PROTO_BAD_MESSAGE', path: '' },
  { name: 'a negative id', frame: '{"type":"ping","id":-1}', code: 'PROTO_BAD_MESSAGE', path: '/id' },
  { name: 'a fractional id', frame: '{"type":"ping","id":1.5}', code: 'PROTO_BAD_MESSAGE', path: '/id' },
  {
    name: 'an id above 2^53-1',
    frame: '{"type":"ping","id":9007199254740992}',
    code: 'PROTO_BAD_MESSAGE',
    path: '/id',
  },
  { name: 'an empty string id', frame: '{"type":"ping","id":""}', code: 'PROTO_BAD_MESSAGE', path: '/id' },
  {
    name: 'a string id of 65 characters',
    frame: `{"type":"ping","id":"${'i'.repeat(65)}"}`,
    code: 'PROTO_BAD_MESSAGE',
    path: '/id',
  },
  { name: 'a boolean id', frame: '{"type":"ping","id":true}', code: 'PROTO_BAD_MESSAGE', path: '/id' },
  { name: 'a null id', frame: '{"type":"ping","id":null}', code: 'PROTO_BAD_MESSAGE', path: '/id' },
  { name: 'a missing type', frame: '{"data":{}}', code: 'PROTO_BAD_MESSAGE', path: '/type' },
  {
    name: 'a missing type, echoing the id',
    frame: '{"id":5,"data":{}}',
    code: 'PROTO_BAD_MESSAGE',
    path: '/type',
    re: 5,
  },
  { name: 'a numeric type', frame: '{"type":7,"id":"t"}', code: 'PROTO_BAD_MESSAGE', path: '/type', re: 't' },
  { name: 'an unknown type', frame: '{"type":"fly"}', code: 'PROTO_UNKNOWN_TYPE' },
  {
    name: 'an unknown type, echoing a string id',
    frame: '{"type":"fly","id":"x1"}',
    code: 'PROTO_UNKNOWN_TYPE',
    re: 'x1',
  },
  {
    name: 'a server message type, echoing an integer id',
    frame: '{"type":"welcome","id":0}',
    code: 'PROTO_UNKNOWN_TYPE',
    re: 0,
  },
  { name: 'a type in another case', frame: '{"type":"PING"}', code: 'PROTO_UNKNOWN_TYPE' },
  {
    name: 'a field of the wrong type',
    frame: '{"type":"chat.say","id":9,"data":{"text":5}}',
    code: 'PROTO_BAD_MESSAGE',
    path: '/data/text',
    re: 9,
  },
  {
    name: 'a missing required field',
    frame: '{"type":"chat.tell","data":{"to":"bob"}}',
    code: 'PROTO_BAD_MESSAGE',
    path: '/data/text',
  },
  {
    name: 'a required field when data is omitted',
    frame: '{"type":"hello","id":"h"}',
    code: 'PROTO_BAD_MESSAGE',
    path: '/data/protocol',
    re: 'h',
  },
  {
    name: 'data that is null',
    frame: '{"type":"ping","data":null}',
    code: 'PROTO_BAD_MESSAGE',
    path: '/data',
  },
  {
    name: 'data that is an array',
    frame: '{"type":"room.list","data":[]}',
    code: 'PROTO_BAD_MESSAGE',
    path: '/data',
  },
  {
    name: 'an optional field of the wrong type',
    frame: '{"type":"chat.say","data":{"room":1,"text":"hi"}}',
    code: 'PROTO_BAD_MESSAGE',
    path: '/data/room',
  },
  {
    name: 'protocol version 0',
    frame: '{"type":"hello","data":{"protocol":0}}',
    code: 'PROTO_BAD_MESSAGE',
    path: '/data/protocol',
  },
  {
    name: 'a fractional protocol version',
    frame: '{"type":"hello","data":{"protocol":1.5}}',
    code: 'PROTO_BAD_MESSAGE',
    path: '/data/protocol',
  },
];

const accepted: Array<{ readonly name: string; readonly frame: string; readonly message: ClientMessage }> = [
  {
    name: 'a ping without data',
    frame: '{"type":"ping"}',
    message: { type: 'ping', data: {} },
  },
  {
    name: 'a room list with id 0 and no data',
    frame: '{"type":"room.list","id":0}',
    message: { type: 'room.list', id: 0, data: {} },
  },
  {
    name: 'a hello with every field',
    frame: '{"type":"hello","id":"h-1","data":{"protocol":1,"client":"bot/1.0"}}',
    message: { type: 'hello', id: 'h-1', data: { protocol: 1, client: 'bot/1.0' } },
  },
  {
    name: 'a hello for a later version (refused later, by the server)',
    frame: '{"type":"hello","data":{"protocol":2}}',
    message: { type: 'hello', data: { protocol: 2 } },
  },
  {
    name: 'a chat line without a room',
    frame: '{"type":"chat.say","data":{"text":"hi"}}',
    message: { type: 'chat.say', data: { text: 'hi' } },
  },
  {
    name: 'a chat line with the largest integer id',
    frame: '{"type":"chat.say","id":9007199254740991,"data":{"room":"#games","text":"hi"}}',
    message: { type: 'chat.say', id: Number.MAX_SAFE_INTEGER, data: { room: '#games', text: 'hi' } },
  },
  {
    name: 'a private message with a 64-character id',
    frame: `{"type":"chat.tell","id":"${'i'.repeat(64)}","data":{"to":"bob","text":"psst"}}`,
    message: { type: 'chat.tell', id: 'i'.repeat(64), data: { to: 'bob', text: 'psst' } },
  },
  {
    name: 'a nickname the server will refuse (syntax is its job: NICK_INVALID)',
    frame: '{"type":"nick.set","data":{"nick":"not a nick!"}}',
    message: { type: 'nick.set', data: { nick: 'not a nick!' } },
  },
  {
    name: 'an empty topic (which clears it)',
    frame: '{"type":"room.topic","data":{"room":"games","topic":""}}',
    message: { type: 'room.topic', data: { room: 'games', topic: '' } },
  },
  {
    name: 'a quit with parting words',
    frame: '{"type":"quit","data":{"message":"bye"}}',
    message: { type: 'quit', data: { message: 'bye' } },
  },
  {
    name: 'a frame with unknown envelope members, which are dropped',
    frame: '{"v":1,"type":"pong","re":3,"extra":true}',
    message: { type: 'pong', data: {} },
  },
  {
    name: 'a frame with whitespace around the JSON',
    frame: '  {"type":"user.list","data":{"room":"lobby"}}  ',
    message: { type: 'user.list', data: { room: 'lobby' } },
  },
];

describe('parseClientFrame', () => {
  it.each(refusals)('refuses $name with $code', ({ frame, code, path, re }) => {
    const result = parseClientFrame(frame);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect({ code: result.error.code, path: result.error.path, re: result.error.re }).toEqual({
      code,
      path,
      re,
    });
    expect(result.error.message).not.toBe('');
  });

  it.each(accepted)('accepts $name', ({ frame, message }) => {
    expect(parseClientFrame(frame)).toStrictEqual({ ok: true, value: message });
  });

  it('accepts an empty `data` for every message type without required fields', () => {
    const empty = Object.entries(clientMessageSchemas)
      .filter(([, schema]) => (schema.required ?? []).length === 0)
      .map(([type]) => type);
    expect(empty).toEqual(expect.arrayContaining(['ping', 'pong', 'room.list', 'user.list', 'quit']));
    for (const type of empty) {
      expect(parseClientFrame(JSON.stringify({ type })), type).toStrictEqual({
        ok: true,
        value: { type, data: {} },
      });
    }
  });

  it('quotes at most 64 characters of an unknown type', () => {
    const result = parseClientFrame(JSON.stringify({ type: 'x'.repeat(1000) }));
    expect(result.ok ? '' : result.error.message).toBe(`Unknown message type "${'x'.repeat(64)}".`);
  });
});

describe('parseClientFrame on arbitrary input', () => {
  const refusalCodes = ['PROTO_BAD_JSON', 'PROTO_BAD_MESSAGE', 'PROTO_UNKNOWN_TYPE'];
  const neverThrows = (text: string): void => {
    const result = parseClientFrame(text);
    if (!result.ok) expect(refusalCodes).toContain(result.error.code);
  };

  it('never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.string(), neverThrows), { seed: SEED, numRuns: 1000 });
    fc.assert(fc.property(fc.string({ unit: 'binary' }), neverThrows), { seed: SEED, numRuns: 1000 });
  });

  it('never throws on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => neverThrows(JSON.stringify(value))),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('never throws on envelopes of known types with arbitrary ids and data', () => {
    const envelope = fc.record(
      {
        type: fc.constantFrom(...Object.keys(clientMessageSchemas), 'nope'),
        id: fc.jsonValue(),
        data: fc.oneof(
          fc.jsonValue(),
          fc.dictionary(fc.constantFrom('room', 'text', 'nick', 'to'), fc.jsonValue()),
        ),
      },
      { requiredKeys: ['type'] },
    );
    fc.assert(
      fc.property(envelope, (value) => neverThrows(JSON.stringify(value))),
      { seed: SEED, numRuns: 1000 },
    );
  });
});

describe('parseClientFrame(makeFrame(m))', () => {
  const requestId = fc.oneof(
    fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
    fc.string({ minLength: 1, maxLength: 64 }),
  );
  const chatSay: fc.Arbitrary<ClientMessageOf<'chat.say'>> = fc.record(
    {
      type: fc.constant('chat.say' as const),
      id: requestId,
      data: fc.record(
        { room: fc.string({ maxLength: 64 }), text: fc.string({ unit: 'binary' }) },
        { requiredKeys: ['text'], noNullPrototype: true },
      ),
    },
    { requiredKeys: ['type', 'data'], noNullPrototype: true },
  );

  it('gives back every valid chat.say message unchanged', () => {
    fc.assert(
      fc.property(chatSay, (message) => {
        expect(parseClientFrame(makeFrame(message))).toStrictEqual({ ok: true, value: message });
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});

describe('parseServerFrame', () => {
  it('keeps the per-session sequence number', async () => {
    const { parseServerFrame } = await import('../../src/protocol/index.ts');
    const parsed = parseServerFrame('{"seq":3,"type":"pong","data":{}}');
    expect(parsed.ok && parsed.value.seq).toBe(3);
    const bad = parseServerFrame('{"seq":"3","type":"pong","data":{}}');
    expect(bad.ok ? undefined : bad.error.path).toBe('/seq');
  });
});
