// Where the two contenders live: our compiled binary (dist/) and the reference Supervisor 4.2.5.
import { existsSync } from "node:fs";
import { join } from "node:path";

export const ROOT = join(import.meta.dir, "..", "..", "..");
export const REF_BIN = process.env.REFERENCE_BIN ?? join(process.env.HOME ?? "/root", ".cache/supervisor-4.2.5/bin");
export const REF_SITE = join(REF_BIN, "..", "site");

export type Who = "ours" | "reference";
export const BOTH: readonly Who[] = ["ours", "reference"];

export const SUPERVISORD: Record<Who, string> = { ours: join(ROOT, "dist", "supervisord"), reference: join(REF_BIN, "supervisord") };
export const SUPERVISORCTL: Record<Who, string> = { ours: join(ROOT, "dist", "supervisorctl"), reference: join(REF_BIN, "supervisorctl") };

/** A minimal environment for the commands we time, the same for both sides. */
export const BASE_ENV = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/root", TZ: "UTC" };

export function requireBinaries(): void {
  for (const bin of [SUPERVISORD.ours, SUPERVISORD.reference]) {
    if (!existsSync(bin)) {
      throw new Error(`bench: ${bin} is missing (bun scripts/build.ts; ../shared/reference/install-supervisor-4.2.5)`);
    }
  }
}
