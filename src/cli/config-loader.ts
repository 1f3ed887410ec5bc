// The CLI's one door to src/config's loader, so the faces share one way of finding and reading a config.
import type { Config } from "../config/types";
import { ConfigError } from "../config/errors";

// TEMPORARY until src/config/load.ts lands: every load is refused with a clear message.
export function configSearchPaths(): string[] {
  return [];
}

export async function loadConfig(file: string): Promise<Config> {
  throw new ConfigError(`cannot read ${file}: the config loader is not built yet`);
}
