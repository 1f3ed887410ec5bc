// start, stop, restart and signal: one name, group:*, several names, or all.
import { Faults } from "../../core/faults";
import { XmlRpcFault } from "../../rpc/codec";
import { type Controller, Exit } from "../controller";
import { makeNamespec, splitNamespec } from "../../core/namespec";
import { faultAsResult, type ResultInfo, signalResult, startResult } from "../render";
import { type Command, misuse, words } from "./command";

/** Runs the all / group / single-process variant of one action and prints each result line. */
async function forEachTarget(
  ctl: Controller,
  names: string[],
  calls: { all: () => Promise<ResultInfo[]>; group: (g: string) => Promise<ResultInfo[]>; one: (n: string) => Promise<unknown> },
  show: (r: ResultInfo) => string,
  success: string,
  ignored: number | undefined,
  badGroupExit: number,
): Promise<void> {
  const report = (results: ResultInfo[]) => {
    for (const r of results) {
      ctl.output(show(r));
      ctl.setExitFromFault(r.status, ignored);
    }
  };
  if (names.includes("all")) return report(await calls.all());
  for (const name of names) {
    const { group, process } = splitNamespec(name);
    if (process === null) {
      try {
        report(await calls.group(group));
      } catch (e) {
        if (e instanceof XmlRpcFault && e.faultCode === Faults.BAD_NAME) {
          ctl.output(`${group}: ERROR (no such group)`);
          ctl.exitstatus = badGroupExit;
        } else {
          throw e;
        }
      }
      continue;
    }
    try {
      await calls.one(name);
      ctl.output(`${makeNamespec(group, process)}: ${success}`);
    } catch (e) {
      if (!(e instanceof XmlRpcFault)) throw e;
      const r = faultAsResult(e, name);
      ctl.output(show(r));
      ctl.setExitFromFault(r.status, ignored);
    }
  }
}

export const start: Command = {
  name: "start",
  help: "start <name>\t\tStart a process\nstart <gname>:*\t\tStart all processes in a group\nstart <name> <name>\tStart multiple processes or groups\nstart all\t\tStart all processes",
  async run(ctl, arg) {
    if (!(await ctl.upcheck())) return;
    const names = words(arg);
    if (!names.length) return misuse(ctl, start, "Error: start requires a process name", Exit.INVALID_ARGS);
    await forEachTarget(
      ctl,
      names,
      {
        all: () => ctl.callAny("supervisor.startAllProcesses"),
        group: (g) => ctl.callAny("supervisor.startProcessGroup", g),
        one: (n) => ctl.call("supervisor.startProcess", n),
      },
      startResult,
      "started",
      Faults.ALREADY_STARTED,
      Exit.INVALID_ARGS,
    );
  },
};

export const stop: Command = {
  name: "stop",
  help: "stop <name>\t\tStop a process\nstop <gname>:*\t\tStop all processes in a group\nstop <name> <name>\tStop multiple processes or groups\nstop all\t\tStop all processes",
  async run(ctl, arg) {
    if (!(await ctl.upcheck())) return;
    const names = words(arg);
    if (!names.length) return misuse(ctl, stop, "Error: stop requires a process name", Exit.GENERIC);
    await forEachTarget(
      ctl,
      names,
      {
        all: () => ctl.callAny("supervisor.stopAllProcesses"),
        group: (g) => ctl.callAny("supervisor.stopProcessGroup", g),
        one: (n) => ctl.call("supervisor.stopProcess", n),
      },
      (r) => signalResult(r, "stopped"),
      "stopped",
      Faults.NOT_RUNNING,
      Exit.GENERIC,
    );
  },
};

export const restart: Command = {
  name: "restart",
  help: "restart <name>\t\tRestart a process\nrestart <gname>:*\tRestart all processes in a group\nrestart <name> <name>\tRestart multiple processes or groups\nrestart all\t\tRestart all processes\nNote: restart does not reread config files. For that, see reread and update.",
  async run(ctl, arg) {
    if (!(await ctl.upcheck())) return;
    if (!words(arg).length) return misuse(ctl, restart, "Error: restart requires a process name", Exit.GENERIC);
    await stop.run(ctl, arg);
    await start.run(ctl, arg);
  },
};

export const signal: Command = {
  name: "signal",
  help: "signal <signal name> <name>\t\tSignal a process\nsignal <signal name> <gname>:*\t\tSignal all processes in a group\nsignal <signal name> <name> <name>\tSignal multiple processes or groups\nsignal <signal name> all\t\tSignal all processes",
  async run(ctl, arg) {
    if (!(await ctl.upcheck())) return;
    const args = words(arg);
    if (args.length < 2) {
      return misuse(ctl, signal, "Error: signal requires a signal name and a process name", Exit.GENERIC);
    }
    const [sig, ...names] = args;
    await forEachTarget(
      ctl,
      names,
      {
        all: () => ctl.callAny("supervisor.signalAllProcesses", sig),
        group: (g) => ctl.callAny("supervisor.signalProcessGroup", g, sig),
        one: (n) => ctl.call("supervisor.signalProcess", n, sig),
      },
      (r) => signalResult(r),
      "signalled",
      undefined,
      Exit.GENERIC,
    );
  },
};
