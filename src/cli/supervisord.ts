// The supervisord face: reads the command line, finds and loads the config, applies the flags, then either reports
// on the config (--check-config), makes the face links (--install-links) or hands the config to the engine.
// The engine and the HTTP servers are imported only when they run (the build splits the code there), so -v, -h and
// --check-config start without them. Output goes through ./output, not process.stdout (see there).
import { ConfigError } from "../config/errors";
import { loadConfig } from "../config/load";
import type { Config } from "../config/types";
import { versionLine } from "./build-info";
import { installLinks } from "./install-links";
import { writeErr, writeOut } from "./output";
import { helpText } from "./supervisord-help";
import { parseSupervisordArgs, type SupervisordFlags, UsageError } from "./supervisord-options";
import { applyOverrides } from "./supervisord-overrides";

const ROOT_SEARCH_WARNING =
  "UserWarning: Supervisord is running as root and it is searching for its configuration file in default " +
  "locations (including its current working directory); you probably want to specify a \"-c\" argument " +
  "specifying an absolute path to a configuration file for improved security.\n";

export async function main(args: string[], progname: string = process.argv0): Promise<number> {
  try {
    const invocation = parseSupervisordArgs(args);
    switch (invocation.action) {
      case "help":
        writeOut(helpText(progname) + "\n");
        return 0;
      case "version":
        writeOut(versionLine() + "\n");
        return 0;
      case "install-links":
        return installLinks(invocation.dir);
      case "run":
        return await run(invocation.flags, progname);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError || isEngineUsageError(e)) {
      writeErr(`Error: ${e.message}\nFor help, use ${progname} -h\n`);
      return 2;
    }
    throw e;
  }
}

async function run(flags: SupervisordFlags, progname: string): Promise<number> {
  // As 4.2.5's default_configfile: searching the default places (the working folder among them) as root is risky.
  if (flags.configFile === null && process.getuid?.() === 0) writeErr(ROOT_SEARCH_WARNING);
  const read = (file: string | undefined) =>
    applyOverrides(
      loadConfig({ file, cwd: process.cwd(), executable: progname, env: process.env as Record<string, string> }),
      flags.overrides,
    );
  const config = read(flags.configFile ?? undefined);
  if (flags.checkConfig) return reportConfig(config);
  // The hand-off to the engine, loaded only now so --check-config and -h start without it. A reload re-reads the
  // file found at start-up, with the same flags on top.
  const [{ runSupervisord }, { serveDaemon }] = await Promise.all([import("../daemon/run"), import("../http/index")]);
  return runSupervisord(config, { reload: async () => read(config.file), servers: serveDaemon });
}

/**
 * StartupError: the engine refused to start (setuid failed, minfds/minprocs unmet); HttpServerError: a server could
 * not bind (the socket or port is taken). Both are usage errors in 4.2.5. Matched by name so that the engine's
 * modules stay unloaded until the engine runs.
 */
function isEngineUsageError(e: unknown): e is Error {
  return e instanceof Error && (e.name === "StartupError" || e.name === "HttpServerError");
}

/**
 * --check-config: "programs" counts processes across all groups (a [program:x] with numprocs=3 counts 3, event
 * listener and FastCGI processes count too), which is what supervisord would start; "groups" counts every group.
 */
function reportConfig(config: Config): number {
  for (const warning of config.warnings) writeErr(`WARN ${warning}\n`);
  const programs = config.groups.reduce((n, g) => n + g.processes.length, 0);
  writeOut(`config OK: ${config.file}: ${programs} programs in ${config.groups.length} groups\n`);
  return 0;
}
