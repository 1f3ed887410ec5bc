// status (the table, or --json) and pid.
import { Faults } from "../../core/faults";
import { XmlRpcFault } from "../../rpc/codec";
import { Exit, StatusExit } from "../controller";
import { splitNamespec } from "../../core/namespec";
import { ProcessState, STOPPED_STATES } from "../../core/states";
import { statusLines } from "../render";
import { type Command, words } from "./command";

/** STOPPED, EXITED, FATAL and UNKNOWN: the states in which `status` exits 3. */
const STOPPED_CODES: number[] = STOPPED_STATES.map((s) => ProcessState[s]);

interface ProcessInfo {
  name: string;
  group: string;
  state: number;
  statename: string;
  description: string;
  pid: number;
}

function select(all: ProcessInfo[], names: string[], complain: (msg: string) => void): ProcessInfo[] {
  if (!names.length || names.includes("all")) return all;
  const out: ProcessInfo[] = [];
  for (const name of names) {
    const { group, process } = splitNamespec(name);
    const hits = all.filter((i) => i.group === group && (process === null || i.name === process));
    if (!hits.length) complain(process === null ? `${group}: ERROR (no such group)` : `${name}: ERROR (no such process)`);
    out.push(...hits);
  }
  return out;
}

export const status: Command = {
  name: "status",
  help: "status <name>\t\tGet status for a single process\nstatus <gname>:*\tGet status for all processes in a group\nstatus <name> <name>\tGet status for multiple named processes\nstatus\t\t\tGet all process status info",
  async run(ctl, arg) {
    if (!(await ctl.upcheck())) {
      ctl.exitstatus = StatusExit.UNKNOWN;
      return;
    }
    const all: ProcessInfo[] = await ctl.callAny("supervisor.getAllProcessInfo");
    let names = words(arg);
    // Beyond 4.2.5: --json prints getProcessInfo's structs, one object per line inside a JSON array.
    const json = names.includes("--json");
    names = names.filter((n) => n !== "--json");
    const matching = select(all, names, (msg) => {
      ctl.output(msg);
      ctl.exitstatus = StatusExit.UNKNOWN;
    });
    if (json) {
      ctl.output(matching.length ? `[\n${matching.map((i) => JSON.stringify(i)).join(",\n")}\n]` : "[]");
    } else {
      for (const line of statusLines(matching, ctl.term.colour)) ctl.output(line);
    }
    if (matching.some((i) => STOPPED_CODES.includes(i.state))) ctl.exitstatus = StatusExit.NOT_RUNNING;
  },
};

export const pid: Command = {
  name: "pid",
  help: "pid\t\t\tGet the PID of supervisord.\npid <name>\t\tGet the PID of a single child process by name.\npid all\t\t\tGet the PID of every child process, one per line.",
  async run(ctl, arg) {
    if (!(await ctl.upcheck())) return;
    const names = words(arg);
    if (!names.length) {
      ctl.output(String(await ctl.call("supervisor.getPID")));
    } else if (names.includes("all")) {
      const all: ProcessInfo[] = await ctl.callAny("supervisor.getAllProcessInfo");
      for (const info of all) ctl.output(String(info.pid));
    } else {
      for (const name of names) {
        try {
          const info: ProcessInfo = await ctl.callAny("supervisor.getProcessInfo", name);
          ctl.output(String(info.pid));
          if (info.pid === 0) ctl.exitstatus = Exit.NOT_RUNNING;
        } catch (e) {
          if (!(e instanceof XmlRpcFault)) throw e;
          ctl.exitstatus = Exit.GENERIC;
          if (e.faultCode !== Faults.BAD_NAME) throw e;
          ctl.output(`No such process ${name}`);
        }
      }
    }
  },
};
