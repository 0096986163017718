import type { TObject } from '@sinclair/typebox';
import { type TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler';
import { type ClientMessage, clientMessageSchemas, type RequestId } from './client-messages.ts';
import type { ErrorCode } from './error-codes.ts';
import { err, ok, type Result } from './result.ts';
import { type ServerMessage, serverMessageSchemas } from './server-messages.ts';

/** Why a frame was refused, ready to become an `error` message. */
export interface FrameError {
  readonly code: Extract<ErrorCode, 'PROTO_BAD_JSON' | 'PROTO_BAD_MESSAGE' | 'PROTO_UNKNOWN_TYPE'>;
  readonly message: string;
  /** The request id, when the frame carried a usable one. */
  readonly re?: RequestId;
  /** JSON pointer to the offending field. */
  readonly path?: string;
}

const compileAll = <S extends Record<string, TObject>>(schemas: S): Map<string, TypeCheck<TObject>> =>
  new Map(Object.entries(schemas).map(([type, schema]) => [type, TypeCompiler.Compile(schema)]));

const clientChecks = compileAll(clientMessageSchemas);
const serverChecks = compileAll(serverMessageSchemas);

const isRequestId = (id: unknown): id is RequestId =>
  (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) ||
  (typeof id === 'string' && id.length > 0 && id.length <= 64);

type Envelope = { type: string; id?: RequestId; re?: RequestId; seq?: number; data: unknown };

/** Shared steps: JSON → object with a string `type`, a well-formed id, and `data` (default `{}`). */
const parseEnvelope = (text: string, idField: 'id' | 're'): Result<Envelope, FrameError> => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return err({ code: 'PROTO_BAD_JSON', message: 'The frame is not valid JSON.' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return err({ code: 'PROTO_BAD_MESSAGE', message: 'A message must be a JSON object.', path: '' });
  }
  const raw = value as Record<string, unknown>;
  const id = raw[idField];
  if (id !== undefined && !isRequestId(id)) {
    return err({
      code: 'PROTO_BAD_MESSAGE',
      message: `"${idField}" must be a non-negative integer or a string of 1 to 64 characters.`,
      path: `/${idField}`,
    });
  }
  if (typeof raw.type !== 'string') {
    const withRe = id === undefined || idField !== 'id' ? {} : { re: id };
    return err({
      code: 'PROTO_BAD_MESSAGE',
      message: 'A message needs a string "type".',
      path: '/type',
      ...withRe,
    });
  }
  const data = raw.data === undefined ? {} : raw.data;
  // Server frames are numbered per session (resume): keep the number, and insist it is one.
  const seq = idField === 're' ? raw.seq : undefined;
  if (seq !== undefined && !(typeof seq === 'number' && Number.isSafeInteger(seq) && seq > 0)) {
    return err({ code: 'PROTO_BAD_MESSAGE', message: '"seq" must be a positive integer.', path: '/seq' });
  }
  return ok({
    type: raw.type,
    data,
    ...(id === undefined ? {} : { [idField]: id }),
    ...(seq === undefined ? {} : { seq }),
  });
};

const checkData = (
  envelope: Envelope,
  check: TypeCheck<TObject>,
  re: RequestId | undefined,
): Result<true, FrameError> => {
  if (check.Check(envelope.data)) return ok(true);
  const first = check.Errors(envelope.data).First();
  const path = `/data${first?.path ?? ''}`;
  return err({
    code: 'PROTO_BAD_MESSAGE',
    message: `Invalid "${envelope.type}" message at ${path}: ${first?.message ?? 'does not match the schema'}.`,
    path,
    ...(re === undefined ? {} : { re }),
  });
};

/**
 * Parses one frame from a client: JSON, envelope, known type, then the type's schema.
 * Never throws; every failure names its error code.
 */
export const parseClientFrame = (text: string): Result<ClientMessage, FrameError> => {
  const envelope = parseEnvelope(text, 'id');
  if (!envelope.ok) return envelope;
  const { type, id } = envelope.value;
  const check = clientChecks.get(type);
  const withRe = id === undefined ? {} : { re: id };
  if (check === undefined) {
    return err({
      code: 'PROTO_UNKNOWN_TYPE',
      message: `Unknown message type "${type.slice(0, 64)}".`,
      ...withRe,
    });
  }
  const checked = checkData(envelope.value, check, id);
  if (!checked.ok) return checked;
  return ok(envelope.value as ClientMessage);
};

/** Parses one frame from the server, with the same checks (used by the client library and tests). */
export const parseServerFrame = (text: string): Result<ServerMessage, FrameError> => {
  const envelope = parseEnvelope(text, 're');
  if (!envelope.ok) return envelope;
  const check = serverChecks.get(envelope.value.type);
  if (check === undefined) {
    return err({
      code: 'PROTO_UNKNOWN_TYPE',
      message: `Unknown message type "${envelope.value.type.slice(0, 64)}".`,
    });
  }
  const checked = checkData(envelope.value, check, undefined);
  if (!checked.ok) return checked;
  return ok(envelope.value as ServerMessage);
};

/** Serialises a message to its wire form (one JSON object, no trailing newline). */
export const makeFrame = (message: ClientMessage | ServerMessage): string => JSON.stringify(message);
