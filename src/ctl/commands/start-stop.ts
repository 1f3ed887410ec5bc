// start, stop, restart and signal: one name, group:*, several names, or all.
import { Faults } from "../../core/faults";
import { makeNamespec, splitNamespec } from "../../core/namespec";
import { XmlRpcFault, type XmlRpcValue } from "../../rpc/codec";
import { type Controller, Exit } from "../controller";
import { faultAsResult, type ResultInfo, signalResult, startResult } from "../render";
import { type Command, misuse, words } from "./command";

/** How one action talks to the daemon (supervisor.<rpc>AllProcesses / <rpc>ProcessGroup / <rpc>Process) and reports. */
interface Verb {
  rpc: "start" | "stop" | "signal";
  /** Parameters after the name (the signal). */
  extra: XmlRpcValue[];
  show: (r: ResultInfo) => string;
  success: string;
  /** A result code that does not change the exit status (already started, not running). */
  ignored?: number;
  badGroupExit: number;
}

async function forEachTarget(ctl: Controller, names: string[], verb: Verb): Promise<void> {
  const report = (results: ResultInfo[]) => {
    for (const r of results) {
      ctl.output(verb.show(r));
      ctl.setExitFromFault(r.status, verb.ignored);
    }
  };
  if (names.includes("all")) return report(await ctl.callAny(`supervisor.${verb.rpc}AllProcesses`, ...verb.extra));
  for (const name of names) {
    const { group, process } = splitNamespec(name);
    try {
      if (process === null) {
        report(await ctl.callAny(`supervisor.${verb.rpc}ProcessGroup`, group, ...verb.extra));
      } else {
        await ctl.call(`supervisor.${verb.rpc}Process`, name, ...verb.extra);
        ctl.output(`${makeNamespec(group, process)}: ${verb.success}`);
      }
    } catch (e) {
      if (!(e instanceof XmlRpcFault)) throw e;
      if (process !== null) {
        const r = faultAsResult(e, name);
        ctl.output(verb.show(r));
        ctl.setExitFromFault(r.status, verb.ignored);
      } else if (e.faultCode === Faults.BAD_NAME) {
        ctl.output(`${group}: ERROR (no such group)`);
        ctl.exitstatus = verb.badGroupExit;
      } else {
        throw e;
      }
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
    await forEachTarget(ctl, names, {
      rpc: "start",
      extra: [],
      show: startResult,
      success: "started",
      ignored: Faults.ALREADY_STARTED,
      badGroupExit: Exit.INVALID_ARGS,
    });
  },
};

export const stop: Command = {
  name: "stop",
  help: "stop <name>\t\tStop a process\nstop <gname>:*\t\tStop all processes in a group\nstop <name> <name>\tStop multiple processes or groups\nstop all\t\tStop all processes",
  async run(ctl, arg) {
    if (!(await ctl.upcheck())) return;
    const names = words(arg);
    if (!names.length) return misuse(ctl, stop, "Error: stop requires a process name", Exit.GENERIC);
    await forEachTarget(ctl, names, {
      rpc: "stop",
      extra: [],
      show: (r) => signalResult(r, "stopped"),
      success: "stopped",
      ignored: Faults.NOT_RUNNING,
      badGroupExit: Exit.GENERIC,
    });
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
    await forEachTarget(ctl, names, {
      rpc: "signal",
      extra: [sig],
      show: (r) => signalResult(r),
      success: "signalled",
      badGroupExit: Exit.GENERIC,
    });
  },
};
