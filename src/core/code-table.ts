// 4.2.5's wire codes are closed tables of NAME: number (states, faults); each needs the reverse lookup.

/** The name a code has in `table`, or undefined for a code outside it. */
export function nameOfCode<T extends Record<string, number>>(table: T, code: number): keyof T | undefined {
  for (const name in table) if (table[name] === code) return name;
  return undefined;
}
