/**
 * The terminal client (`parlor play`). Imports the client library, the protocol and text mode.
 */
export interface PlayOptions {
  readonly host: string;
  readonly port: number;
  readonly url: string | undefined;
  readonly nick: string | undefined;
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WriteStream;
}

export const runPlay = async (_options: PlayOptions): Promise<number> => 1;
