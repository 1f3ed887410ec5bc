// supervisord's life: detach (daemon mode), take the identity and limits it was configured with, open the main log,
// start the servers and the programs, wait for a shutdown or restart, clean up. A restart (SIGHUP, restart())
// re-reads the config and runs again in the same process, as 4.2.5's main loop does.
import { describeExit } from "../core/process-machine";
import { pyRepr } from "../core/pyrepr";
import type { Config } from "../config/types";
import { clearAutoChildLogs } from "../logs/autoname";
import { LEVELS, type Logger } from "../logs/levels";
import { MainLog } from "../logs/main-log";
import { keepAlive, SystemClock } from "../platform/clock";
import { detachAndWait, reportReady, takeDaemonMarker } from "../platform/daemonize";
import { settleJit } from "../platform/jit";
import { SystemKiller } from "../platform/kill";
import { SystemLimits } from "../platform/limits";
import { watchOrphans } from "../platform/reaper";
import { ProcessSignals } from "../platform/signals";
import { BunSpawner, type ChildExit } from "../platform/spawner";
import { currentUid, dropPrivileges } from "../platform/users";
import type { DaemonApi } from "./api";
import { CapturedLogs } from "./child-logs";
import { applyMinimums, StartupError } from "./limits";
import type { MainLogger } from "./log-seams";
import { PidFile } from "./pidfile";
import { Supervisor } from "./supervisor";

export { StartupError };

/** The HTTP/XML-RPC servers, started by the caller's function once the daemon exists; closed at the end. */
export interface Servers {
  close(): Promise<void>;
}
export type ServerStarter = (daemon: DaemonApi, config: Config, logger: Logger) => Promise<Servers>;

export interface RunOptions {
  /** Reads the config files again, with the command-line overrides applied (reloadConfig and restarts). */
  reload(): Promise<Config>;
  /** Binds the servers; throws StartupError (e.g. the socket is taken) to refuse to start. */
  servers?: ServerStarter;
}

const ROOT_WARNING =
  "Supervisor is running as root.  Privileges were not dropped because no user is specified in the config file.  " +
  "If you intend to run as root, you can set user=root in the config file to avoid this message.";

/** Runs supervisord until it shuts down; resolves with the exit status. Throws StartupError for usage errors. */
export async function runSupervisord(config: Config, options: RunOptions): Promise<number> {
  const daemonCopy = takeDaemonMarker();
  if (!config.supervisord.nodaemon && !daemonCopy) return detachAndWait();
  const release = keepAlive();
  try {
    for (let first = true; ; first = false) {
      const ending = await runOnce(config, options, first, daemonCopy);
      if (ending === "shutdown") return 0;
      config = await options.reload();
    }
  } finally {
    release();
  }
}

function levelled(logger: Logger): MainLogger {
  return { log: (level, message) => logger.log(LEVELS[level], message) };
}

async function runOnce(config: Config, options: RunOptions, first: boolean, daemonCopy: boolean) {
  const sd = config.supervisord;
  const logger = new MainLog();
  // 4.2.5 logs its start-up notes by level: criticals, then warnings, then infos, each in the order they arose.
  const infos = config.files.slice(1).map((f) => `Included extra file "${f}" during parsing`);
  if (sd.uid === null) {
    if (currentUid() === 0) logger.critical(ROOT_WARNING);
  } else {
    const problem = dropPrivileges(sd.uid);
    if (problem) throw new StartupError(problem);
    infos.push(`Set uid to user ${sd.uid} succeeded`);
  }
  if (first) infos.push(...applyMinimums(new SystemLimits(), sd.minfds, sd.minprocs));
  for (const w of config.warnings) logger.warn(w);
  for (const info of infos) logger.info(info);
  logger.open({
    logfile: sd.logfile,
    maxbytes: sd.logfileMaxbytes,
    backups: sd.logfileBackups,
    level: sd.loglevel,
    echoStdout: sd.nodaemon && !sd.silent,
  });
  if (!sd.nocleanup) clearAutoChildLogs(sd.childlogdir, sd.identifier, logger);

  const log = levelled(logger);
  const supervisor: Supervisor = new Supervisor(config, {
    clock: new SystemClock(),
    spawner: new BunSpawner(),
    killer: new SystemKiller(),
    log,
    ownEnv: process.env,
    pid: process.pid,
    childLogs: (pc, group) =>
      new CapturedLogs(pc, group, {
        logger,
        bus: supervisor.bus,
        childlogdir: sd.childlogdir,
        identifier: sd.identifier,
        stripAnsi: sd.stripAnsi,
      }),
    reread: options.reload,
    mainLog: { path: () => logger.path, clear: () => logger.clear(), reopen: () => logger.reopen() },
    launched: settleJit,
  });

  let servers: Servers | null = null;
  const pidfile = new PidFile(sd.pidfile);
  let unlisten = () => {};
  try {
    servers = (await options.servers?.(supervisor, config, logger)) ?? null;
    const signals = new ProcessSignals();
    const unlistenOrphans = watchOrphans(signals, () => supervisor.spawnedPids(), (pid, exit) => logReaped(logger, pid, exit));
    const unlistenOwn = signals.listen(
      (sig) => (sig === "SIGUSR2" ? supervisor.reopenLogs() : supervisor.onSignal(sig)),
      ["SIGTERM", "SIGINT", "SIGQUIT", "SIGHUP", "SIGUSR2"],
    );
    unlisten = () => {
      unlistenOrphans();
      unlistenOwn();
    };
    if (daemonCopy && first) settleDaemon(config, logger);
    pidfile.write(process.pid, log);
    if (daemonCopy && first) reportReady();
    supervisor.start();
    return await supervisor.ended;
  } finally {
    unlisten();
    await servers?.close();
    pidfile.remove();
    await supervisor.dispose();
    logger.close();
  }
}

/** An orphan that became our child (we are PID 1 or a subreaper) was reaped, as 4.2.5 logs it. */
function logReaped(logger: Logger, pid: number, exit: ChildExit): void {
  logger.info(`reaped unknown pid ${pid} (${describeExit(exit.code, exit.signal).text})`);
}

/** What 4.2.5 does in the forked child: chdir to directory= and set umask. */
function settleDaemon(config: Config, logger: Logger): void {
  const sd = config.supervisord;
  logger.info("daemonizing the supervisord process");
  if (sd.directory) {
    try {
      process.chdir(sd.directory);
      logger.info(`set current directory: ${pyRepr(sd.directory)}`);
    } catch (err) {
      logger.critical(`can't chdir into ${pyRepr(sd.directory)}: ${(err as Error).message}`);
    }
  }
  process.umask(sd.umask);
}
