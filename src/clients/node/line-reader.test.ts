import { describe, expect, it } from 'vitest';
import { describeSocketError } from './describe-error.ts';
import { LineReader } from './line-reader.ts';

describe('LineReader', () => {
  it('splits on \\n and \\r\\n and keeps an unfinished line for the next chunk', () => {
    const reader = new LineReader(100);
    expect(reader.push('{"a":1}\r\n{"b"')).toEqual(['{"a":1}']);
    expect(reader.push(':2}\nbanner line\r')).toEqual(['{"b":2}']);
    expect(reader.push('\n')).toEqual(['banner line']);
    expect(reader.push('')).toEqual([]);
  });

  it('refuses a line longer than the limit, finished or not', () => {
    expect(new LineReader(5).push('123456\n')).toBeNull();
    expect(new LineReader(5).push('12345\n')).toEqual(['12345']);
    const reader = new LineReader(5);
    expect(reader.push('1234')).toEqual([]);
    expect(reader.push('56')).toBeNull();
  });
});

describe('describeSocketError', () => {
  it('names the common connection failures and falls back to the code or message', () => {
    expect(describeSocketError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(
      'connection refused',
    );
    expect(describeSocketError(Object.assign(new Error('x'), { code: 'ENOTFOUND' }))).toBe('unknown host');
    expect(describeSocketError(Object.assign(new Error('x'), { code: 'EWEIRD' }))).toBe('EWEIRD');
    expect(describeSocketError(new Error('plain'))).toBe('plain');
  });
});
