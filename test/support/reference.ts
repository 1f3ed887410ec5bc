// Locates the reference Supervisor 4.2.5 installed by ../shared/reference/install-supervisor-4.2.5.
// Compat tests skip with a reason when it is absent, except in CI (REQUIRE_REFERENCE=1), where absence fails.
import { existsSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";

function locate(): string | null {
  const candidates = [process.env.REFERENCE_BIN, join(process.env.HOME ?? "/root", ".cache/supervisor-4.2.5/bin")];
  for (const dir of candidates) if (dir && existsSync(join(dir, "supervisord"))) return dir;
  return null;
}

export const REFERENCE_BIN: string | null = locate();

/** The reference's Python package folder (DEST/site), for PYTHONPATH. */
export const REFERENCE_SITE: string | null = REFERENCE_BIN ? realpathSync(join(dirname(REFERENCE_BIN), "site")) : null;

export const REFERENCE_SKIP_REASON = REFERENCE_BIN
  ? null
  : "reference Supervisor 4.2.5 not installed (run ../shared/reference/install-supervisor-4.2.5)";

if (!REFERENCE_BIN && process.env.REQUIRE_REFERENCE === "1") {
  throw new Error(`REQUIRE_REFERENCE=1 but ${REFERENCE_SKIP_REASON}`);
}

export function refBin(name: "supervisord" | "supervisorctl" | "echo_supervisord_conf" | "pidproxy"): string {
  if (!REFERENCE_BIN) throw new Error(REFERENCE_SKIP_REASON!);
  return join(REFERENCE_BIN, name);
}
