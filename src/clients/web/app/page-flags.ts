import type { Impairment } from '../../sdk/index.ts';

//
// Query flags of the page for testing the real-time client by hand or in Chromium tests:
//   ?lag=100       every frame waits 100 ms each way (so 200 ms more round trip)
//   &jitter=30     and up to 30 ms more, drawn per frame (order kept)
//   &loss=0.02     2% of match.snapshot and match.input frames are lost, each way
//   ?debug=1       window.__parlorTank: the own tank's position, the snapshots received (tests)
//

const number = (params: URLSearchParams, name: string, max: number): number | undefined => {
  const value = Number(params.get(name) ?? Number.NaN);
  return Number.isFinite(value) && value >= 0 ? Math.min(value, max) : undefined;
};

/** The network impairment asked for by `?lag=`, `&jitter=`, `&loss=`, or undefined for none. */
export function impairmentFromQuery(search: string): Impairment | undefined {
  const params = new URLSearchParams(search);
  const delayMs = number(params, 'lag', 10_000);
  const jitterMs = number(params, 'jitter', 10_000);
  const lossRate = number(params, 'loss', 1);
  if (delayMs === undefined && jitterMs === undefined && lossRate === undefined) return undefined;
  return { delayMs: delayMs ?? 0, jitterMs: jitterMs ?? 0, lossRate: lossRate ?? 0 };
}

/** Whether `?debug=1` asks for the test handles. */
export const debugFromQuery = (search: string): boolean => new URLSearchParams(search).get('debug') === '1';
