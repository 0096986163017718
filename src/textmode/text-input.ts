import type { ClientMessage } from '../protocol/index.ts';

/** A protocol message without its request id (text mode does not number requests). */
export type TextRequest = { [M in ClientMessage as M['type']]: Omit<M, 'id'> }[ClientMessage['type']];

/** What one line typed by a human means. */
export type TextInput =
  | { readonly kind: 'request'; readonly request: TextRequest }
  | { readonly kind: 'help' }
  | { readonly kind: 'ask-nick' }
  | { readonly kind: 'nothing' }
  | {
      readonly kind: 'error';
      readonly code: 'TEXT_UNKNOWN_COMMAND' | 'TEXT_USAGE';
      readonly message: string;
    };
