// fg: shows a running process's output and sends what you type to its stdin, until Ctrl-C or EOF.
import { Faults } from "../../core/faults";
import { ProcessState } from "../../core/states";
import { XmlRpcFault } from "../../rpc/codec";
import { Exit } from "../controller";
import { type Command, misuse, words } from "./command";
import { reportStreamError } from "./logs";

export const fg: Command = {
  name: "fg",
  help: "fg <process>\tConnect to a process in foreground mode\n\t\tCtrl-C to exit",
  async run(ctl, arg) {
    if (!(await ctl.upcheck())) return;
    const names = words(arg);
    if (!names.length) return misuse(ctl, fg, "ERROR: no process name supplied", Exit.GENERIC);
    if (names.length > 1) {
      ctl.output("ERROR: too many process names supplied");
      ctl.exitstatus = Exit.GENERIC;
      return;
    }
    const name = names[0];
    const state = async () => ((await ctl.callAny("supervisor.getProcessInfo", name)) as { state: number }).state;
    try {
      if ((await state()) !== ProcessState.RUNNING) {
        ctl.output("ERROR: process not running");
        ctl.exitstatus = Exit.GENERIC;
        return;
      }
    } catch (e) {
      if (!(e instanceof XmlRpcFault)) throw e;
      if (e.faultCode === Faults.BAD_NAME) {
        ctl.output("ERROR: bad process name supplied");
        ctl.exitstatus = Exit.GENERIC;
      } else {
        ctl.output(`ERROR: ${e.message}`);
      }
      return;
    }
    ctl.output("==> Press Ctrl-C to exit <==");
    const streams = new AbortController();
    for (const channel of ["stdout", "stderr"]) {
      const path = `/logtail/${name}/${channel}`;
      ctl.rpc.stream(path, (chunk) => ctl.term.writeBytes(chunk), streams.signal).catch((e) => reportStreamError(ctl, path, e));
    }
    try {
      for (;;) {
        const line = await ctl.term.ask("");
        if (line === null) {
          ctl.output("Exiting foreground");
          return;
        }
        try {
          await ctl.call("supervisor.sendProcessStdin", name, `${line}\n`);
        } catch (e) {
          if (!(e instanceof XmlRpcFault)) throw e;
          ctl.output(e.faultCode === Faults.NOT_RUNNING ? "Process got killed" : `ERROR: ${e.message}`);
          ctl.output("Exiting foreground");
          return;
        }
        if ((await state()) !== ProcessState.RUNNING) {
          ctl.output("Process got killed");
          ctl.output("Exiting foreground");
          return;
        }
      }
    } finally {
      streams.abort();
    }
  },
};
