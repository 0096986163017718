import { readFileSync } from 'node:fs';
import type { TObject } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import {
  CloseCode,
  clientMessageSchemas,
  ErrorCode,
  errorCatalog,
  parseClientFrame,
  parseServerFrame,
  replyTypes,
  serverMessageSchemas,
} from '../../src/protocol/index.ts';
import { BANG_COMMANDS } from '../../src/textmode/bang-commands.ts';
import { TEXT_COMMANDS } from '../../src/textmode/index.ts';

//
// Keeps docs/protocol.md and src/protocol/ in agreement. Conventions the doc follows:
// - one `### \`name\`` heading per message type under "## Client messages" / "## Server messages",
//   and per error code under "## Errors";
// - example frames are lines starting with `C> ` (client → server) or `S> ` (server → client);
// - deliberately broken examples sit in a fenced block with the info string `invalid`;
// - server frames are written as the server writes them: `seq` first, and none on `ping`, `pong`,
//   fatal errors and `match.snapshot`; within one code block the `seq` values increase.
//

/** One line of the doc, with the info string of the fenced block around it (null outside blocks). */
interface DocLine {
  readonly number: number;
  readonly text: string;
  readonly fence: string | null;
  /** Index of the fenced block the line is in, -1 outside blocks. */
  readonly block: number;
}

const readLines = (markdown: string): DocLine[] => {
  const lines: DocLine[] = [];
  let fence: string | null = null;
  let block = -1;
  markdown.split('\n').forEach((raw, index) => {
    const text = raw.replace(/\r$/, '');
    const marker = /^```(.*)$/.exec(text);
    if (marker) {
      if (fence === null) {
        fence = (marker[1] ?? '').trim();
        block += 1;
      } else {
        fence = null;
      }
      return;
    }
    lines.push({ number: index + 1, text, fence, block: fence === null ? -1 : block });
  });
  return lines;
};

const doc = readLines(readFileSync(new URL('../../docs/protocol.md', import.meta.url), 'utf8'));

/** The lines under the `## title` heading, up to the next `## ` heading. */
const chapter = (title: string): DocLine[] => {
  const start = doc.findIndex((l) => l.fence === null && l.text === `## ${title}`);
  if (start === -1) throw new Error(`docs/protocol.md has no "## ${title}" heading`);
  const end = doc.findIndex((l, i) => i > start && l.fence === null && l.text.startsWith('## '));
  return doc.slice(start + 1, end === -1 ? undefined : end);
};

/** The `### \`name\`` sections of a chapter, by name, each with its lines. */
const namedSections = (title: string): Map<string, DocLine[]> => {
  const sections = new Map<string, DocLine[]>();
  let current: DocLine[] | undefined;
  for (const line of chapter(title)) {
    const heading = line.fence === null ? /^### `([^`]+)`\s*$/.exec(line.text) : null;
    if (heading) {
      const name = heading[1] as string;
      if (sections.has(name)) throw new Error(`"## ${title}" has two sections for ${name}`);
      current = [];
      sections.set(name, current);
    } else if (line.fence === null && line.text.startsWith('### ')) {
      current = undefined;
    } else {
      current?.push(line);
    }
  }
  return sections;
};

/** The prose of a section with line breaks and runs of spaces folded, as Markdown renders it. */
const textOf = (lines: readonly DocLine[]): string =>
  lines
    .map((l) => l.text)
    .join(' ')
    .replace(/\s+/g, ' ');

/** Names listed in the first column of the section's tables, e.g. `limits.maxFrameBytes`. */
const tableFieldNames = (lines: readonly DocLine[]): string[] =>
  lines
    .filter((l) => l.fence === null)
    .map((l) => /^\|\s*`([^`]+)`\s*\|/.exec(l.text)?.[1])
    .filter((name): name is string => name !== undefined);

const difference = (a: Iterable<string>, b: Iterable<string>): string[] => {
  const other = new Set(b);
  return [...a].filter((x) => !other.has(x)).sort();
};

const groups = [
  { chapter: 'Client messages', schemas: clientMessageSchemas as Record<string, TObject>, prefix: 'C> ' },
  { chapter: 'Server messages', schemas: serverMessageSchemas as Record<string, TObject>, prefix: 'S> ' },
] as const;

const parseFrameLine = (line: DocLine) =>
  line.text.startsWith('C> ') ? parseClientFrame(line.text.slice(3)) : parseServerFrame(line.text.slice(3));

const frameLines = doc.filter((l) => l.text.startsWith('C> ') || l.text.startsWith('S> '));

describe('docs/protocol.md message sections', () => {
  for (const group of groups) {
    describe(`"## ${group.chapter}"`, () => {
      const sections = namedSections(group.chapter);

      it('has one section per message type, and none for a type the schemas do not have', () => {
        const types = Object.keys(group.schemas);
        expect({
          missingFromDoc: difference(types, sections.keys()),
          notInSchemas: difference(sections.keys(), types),
        }).toEqual({ missingFromDoc: [], notInSchemas: [] });
      });

      it('lists every data field of each message in its fields table, and no field the schema lacks', () => {
        const problems: string[] = [];
        for (const [type, schema] of Object.entries(group.schemas)) {
          const lines = sections.get(type);
          if (lines === undefined) continue;
          const fields = Object.keys(schema.properties);
          const listed = tableFieldNames(lines);
          for (const field of difference(fields, listed))
            problems.push(`${type}: field ${field} is not in the table`);
          for (const name of listed) {
            const root = name.split(/[.[]/)[0] as string;
            if (!fields.includes(root))
              problems.push(`${type}: the table lists ${name}, which the schema lacks`);
          }
          if (fields.length === 0 && !textOf(lines).includes('No fields')) {
            problems.push(`${type}: has no fields, and its section should say "No fields"`);
          }
        }
        expect(problems).toEqual([]);
      });

      it('shows each message in at least one valid example frame in its own section', () => {
        const missing = [...sections].filter(
          ([type, lines]) =>
            !lines.some((line) => {
              if (line.fence === 'invalid' || !line.text.startsWith(group.prefix)) return false;
              const parsed = parseFrameLine(line);
              return parsed.ok && parsed.value.type === type;
            }),
        );
        expect(missing.map(([type]) => type)).toEqual([]);
      });
    });
  }
});

describe('docs/protocol.md errors', () => {
  const sections = namedSections('Errors');

  it('has one section per ErrorCode, and none for a code the catalog does not have', () => {
    const codes = Object.values(ErrorCode);
    expect({
      missingFromDoc: difference(codes, sections.keys()),
      notInCatalog: difference(sections.keys(), codes),
    }).toEqual({ missingFromDoc: [], notInCatalog: [] });
  });

  it('says whether each error is fatal as the catalog does, and gives fatal ones a close code', () => {
    const closeCodes = new Set<number>(Object.values(CloseCode));
    const problems: string[] = [];
    for (const [code, lines] of sections) {
      const entry = errorCatalog[code as ErrorCode];
      if (entry === undefined) continue;
      const text = textOf(lines);
      const expected = entry.fatal ? '**Fatal:** yes' : '**Fatal:** no';
      if (!text.includes(expected)) problems.push(`${code}: should say ${expected}`);
      const closeCode = /\*\*Close code:\*\*\s+(\d+)/.exec(text)?.[1];
      if (entry.fatal && (closeCode === undefined || !closeCodes.has(Number(closeCode)))) {
        problems.push(`${code}: is fatal and should name its close code (**Close code:** NNNN)`);
      }
      if (!entry.fatal && closeCode !== undefined)
        problems.push(`${code}: is not fatal but names a close code`);
    }
    expect(problems).toEqual([]);
  });
});

describe('docs/protocol.md example frames', () => {
  it('has examples in both directions', () => {
    expect(frameLines.filter((l) => l.text.startsWith('C> ')).length).toBeGreaterThan(20);
    expect(frameLines.filter((l) => l.text.startsWith('S> ')).length).toBeGreaterThan(20);
  });

  it('parses every C> line with parseClientFrame and every S> line with parseServerFrame', () => {
    const failures = frameLines
      .filter((line) => line.fence !== 'invalid')
      .flatMap((line) => {
        const parsed = parseFrameLine(line);
        return parsed.ok
          ? []
          : [`line ${line.number}: ${line.text}\n  ${parsed.error.code}: ${parsed.error.message}`];
      });
    expect(failures).toEqual([]);
  });

  it('keeps `invalid` blocks for examples that really are invalid', () => {
    const blocks = new Map<number, DocLine[]>();
    for (const line of doc) {
      if (line.fence === 'invalid') blocks.set(line.block, [...(blocks.get(line.block) ?? []), line]);
    }
    expect(blocks.size).toBeGreaterThan(0);
    const pointless = [...blocks.values()]
      .filter((lines) => lines.filter((l) => /^[CS]> /.test(l.text)).every((l) => parseFrameLine(l).ok))
      .map((lines) => `block at line ${(lines[0] as DocLine).number - 1} has no invalid frame`);
    expect(pointless).toEqual([]);
  });
});

describe('docs/protocol.md close codes', () => {
  const rows = chapter('Close codes')
    .filter((l) => l.fence === null)
    .map((l) => /^\|\s*(\d+)\s*\|([^|]*)\|/.exec(l.text))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ code: Number(m[1]), name: (m[2] as string).trim() }));

  it('lists every CloseCode with its name', () => {
    const missing = Object.entries(CloseCode)
      .filter(([name, code]) => !rows.some((r) => r.code === code && r.name === `\`${name}\``))
      .map(([name, code]) => `${code} ${name}`);
    expect(missing).toEqual([]);
  });

  it('lists no application close code (4000-4999) that CloseCode lacks', () => {
    const known = new Set<number>(Object.values(CloseCode));
    expect(rows.filter((r) => r.code >= 4000 && r.code <= 4999 && !known.has(r.code))).toEqual([]);
  });
});

describe('docs/protocol.md sequence numbers', () => {
  const serverFrames = frameLines.filter((l) => l.fence !== 'invalid' && l.text.startsWith('S> '));
  /**
   * Messages never numbered: those that concern the connection, not the session (`ping`, `pong`,
   * fatal errors: `UNNUMBERED` in src/server/session.ts and `failPeer`), and the stream of a
   * real-time match (`match.snapshot`, written by `sendStream` in src/server/session.ts).
   */
  const unnumbered = (message: { type: string; data: unknown }): boolean =>
    message.type === 'ping' ||
    message.type === 'pong' ||
    message.type === 'match.snapshot' ||
    (message.type === 'error' && (message.data as { fatal?: unknown }).fatal === true);

  it('gives every S> frame a `seq` as its first member, except ping, pong, fatal errors and match.snapshot', () => {
    const problems = serverFrames.flatMap((line) => {
      const message = JSON.parse(line.text.slice(3)) as { type: string; data: unknown; seq?: unknown };
      if (unnumbered(message)) {
        return message.seq === undefined ? [] : [`line ${line.number}: ${message.type} must not carry seq`];
      }
      if (!Number.isSafeInteger(message.seq) || (message.seq as number) < 1)
        return [`line ${line.number}: needs a seq (an integer ≥ 1)`];
      return line.text.startsWith('S> {"seq":') ? [] : [`line ${line.number}: seq must be the first member`];
    });
    expect(problems).toEqual([]);
  });

  it('shows increasing seq values within each code block', () => {
    const last = new Map<number, number>();
    const problems: string[] = [];
    for (const line of serverFrames) {
      const seq = (JSON.parse(line.text.slice(3)) as { seq?: number }).seq;
      if (seq === undefined || line.block === -1) continue;
      const previous = last.get(line.block);
      if (previous !== undefined && seq <= previous)
        problems.push(`line ${line.number}: seq ${seq} after ${previous} in the same block`);
      last.set(line.block, seq);
    }
    expect(problems).toEqual([]);
  });
});

describe('docs/protocol.md replies table', () => {
  const start = doc.findIndex((l) => l.fence === null && l.text === '### Replies and events per request');
  const end = doc.findIndex((l, i) => i > start && l.fence === null && /^#{2,3} /.test(l.text));
  const rows = new Map(
    doc
      .slice(start + 1, end)
      .filter((l) => l.fence === null)
      .map((l) => /^\|\s*`([^`]+)`\s*\|([^|]*)\|/.exec(l.text))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1] as string, (m[2] as string).trim()]),
  );

  /** The server message types a reply cell names in backticks, `error` aside. */
  const repliesNamed = (cell: string): string[] =>
    [...cell.matchAll(/`([^`]+)`/g)]
      .map((m) => m[1] as string)
      .filter((name) => name !== 'error' && name in serverMessageSchemas);

  it('has one row per request, naming the reply of src/protocol/replies.ts', () => {
    expect(start).toBeGreaterThan(-1);
    const problems = Object.keys(clientMessageSchemas).flatMap((type) => {
      const reply = rows.get(type);
      if (reply === undefined) return [`${type}: no row`];
      const expected = (replyTypes as Record<string, string>)[type];
      // Requests without a reply (pong, match.input, match.ack): the cell says "none", and may
      // add when an `error` comes instead ("none; an `error` if refused"), but names no reply.
      if (expected === undefined) {
        return /^none\b/.test(reply) && repliesNamed(reply).length === 0
          ? []
          : [`${type}: should say "none" (or "none; an \`error\` if refused"), naming no reply`];
      }
      if (/^none\b/.test(reply)) return [`${type}: says "none", but its reply is \`${expected}\``];
      return reply.includes(`\`${expected}\``) ? [] : [`${type}: should name \`${expected}\``];
    });
    expect({ problems, extra: difference(rows.keys(), Object.keys(clientMessageSchemas)) }).toEqual({
      problems: [],
      extra: [],
    });
  });
});

describe('docs/protocol.md text-mode commands', () => {
  const start = doc.findIndex((l) => l.fence === null && l.text === '## Text mode');
  const commandsAt = doc.findIndex((l, i) => i > start && l.fence === null && l.text === '### Commands');
  const end = doc.findIndex((l, i) => i > commandsAt && l.fence === null && /^#{2,3} /.test(l.text));
  const listed = doc
    .slice(commandsAt + 1, end)
    .filter((l) => l.fence === null)
    .map((l) => /^\|\s*`([^` ]+)/.exec(l.text)?.[1])
    .filter((name): name is string => name !== undefined);

  it('lists every slash command and every ! command in the command table', () => {
    expect(commandsAt).toBeGreaterThan(start);
    const commands = [
      ...TEXT_COMMANDS.map((c) => `/${c.name}`),
      ...BANG_COMMANDS.map((c) => c.usage.split(' ')[0] as string),
    ];
    expect({ missing: difference(commands, listed), unknown: difference(listed, commands) }).toEqual({
      missing: [],
      unknown: [],
    });
  });
});
