// What --version reports. The release build stamps these in with `bun build --define` (scripts/release/defines.ts);
// a plain development build has none of them and says so rather than guessing.
declare const SV_VERSION: string | undefined;
declare const SV_COMMIT: string | undefined;
declare const SV_TARGET: string | undefined;

/** The Supervisor release whose behaviour we reproduce; 4.2.5's `supervisord -v` prints exactly this. */
export const SUPERVISOR_VERSION = "4.2.5";

export interface BuildInfo {
  version: string;
  commit: string;
  target: string;
}

export function buildInfo(): BuildInfo {
  return {
    version: typeof SV_VERSION === "string" ? SV_VERSION : "dev",
    commit: typeof SV_COMMIT === "string" ? SV_COMMIT : "unknown",
    target: typeof SV_TARGET === "string" ? SV_TARGET : `${process.platform}-${process.arch} (development build)`,
  };
}

/** One line that starts with 4.2.5's own answer, so `supervisord -v | cut -d' ' -f1` still reads 4.2.5. */
export function versionLine(info: BuildInfo = buildInfo()): string {
  return `${SUPERVISOR_VERSION} (supervisor-bun ${info.version}, commit ${info.commit}, target ${info.target})`;
}
