import { join } from "node:path";

export const ROOT = join(import.meta.dir, "..", "..");
export const DIST = join(ROOT, "dist");
export const SUPERVISORD = join(DIST, "supervisord");
export const SUPERVISORCTL = join(DIST, "supervisorctl");
export const ECHO_CONF = join(DIST, "echo_supervisord_conf");
export const FIXTURE_BIN = join(ROOT, "test", "fixtures", "bin");
export const FIXTURE_CONFIG = join(ROOT, "test", "fixtures", "config");
export const GOLDEN = join(ROOT, "test", "golden");
