/**
 * Orders names without regard to case, then by code unit: the same order on every machine
 * (`localeCompare` would depend on the server's locale).
 */
export const compareText = (a: string, b: string): number => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
};
