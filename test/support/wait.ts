/** What a truthy check gives: T without its falsy members. */
export type Truthy<T> = Exclude<T, false | 0 | 0n | "" | null | undefined>;

/** Polls until check() returns a truthy value, or throws after the deadline. Never a fixed sleep. */
export async function waitFor<T>(
  what: string,
  check: () => T | Promise<T>,
  { timeoutMs = 10_000, intervalMs = 20 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<Truthy<T>> {
  const deadline = performance.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as Truthy<T>;
    } catch (e) {
      last = e;
    }
    if (performance.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last}` : ""}`);
    }
    await Bun.sleep(intervalMs);
  }
}
