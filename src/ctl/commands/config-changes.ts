// avail, reread, add, remove and update: the commands that apply configuration changes.
import { Faults } from "../../core/faults";
import { XmlRpcFault } from "../../rpc/codec";
import { type Controller, Exit } from "../controller";
import { makeNamespec } from "../../core/namespec";
import { type Command, misuse, words } from "./command";

type Changes = [string[], string[], string[]];

interface ConfigInfo {
  name: string;
  group: string;
  inuse: boolean;
  autostart: boolean;
  group_prio: number;
  process_prio: number;
}

function faultCode(e: unknown): number | null {
  return e instanceof XmlRpcFault ? e.faultCode : null;
}

/** reloadConfig, or null after printing 4.2.5's text for a daemon that is shutting down or cannot reread. */
async function reloadConfig(ctl: Controller, shuttingDown: string, handleCantReread: boolean): Promise<Changes | null> {
  try {
    const result: Changes[] = await ctl.callAny("supervisor.reloadConfig");
    return result[0];
  } catch (e) {
    ctl.exitstatus = Exit.GENERIC;
    if (faultCode(e) === Faults.SHUTDOWN_STATE) ctl.output(shuttingDown);
    else if (handleCantReread && faultCode(e) === Faults.CANT_REREAD) ctl.output(`ERROR: ${(e as XmlRpcFault).faultString}`);
    else throw e;
    return null;
  }
}

function noArguments(ctl: Controller, command: Command, arg: string): boolean {
  if (!arg) return true;
  misuse(ctl, command, `Error: ${command.name} accepts no arguments`, Exit.GENERIC);
  return false;
}

export const avail: Command = {
  name: "avail",
  help: "avail\t\t\tDisplay all configured processes",
  async run(ctl, arg) {
    if (!noArguments(ctl, avail, arg)) return;
    let infos: ConfigInfo[];
    try {
      infos = await ctl.callAny("supervisor.getAllConfigInfo");
    } catch (e) {
      ctl.exitstatus = Exit.GENERIC;
      if (faultCode(e) !== Faults.SHUTDOWN_STATE) throw e;
      ctl.output("ERROR: supervisor shutting down");
      return;
    }
    for (const i of infos) {
      const name = makeNamespec(i.group, i.name).padEnd(32);
      const inuse = (i.inuse ? "in use" : "avail").padEnd(9);
      const auto = (i.autostart ? "auto" : "manual").padEnd(9);
      ctl.output(`${name} ${inuse} ${auto} ${i.group_prio}:${i.process_prio}`);
    }
  },
};

export const reread: Command = {
  name: "reread",
  help: "reread \t\t\tReload the daemon's configuration files without add/remove",
  async run(ctl, arg) {
    if (!noArguments(ctl, reread, arg)) return;
    const changes = await reloadConfig(ctl, "ERROR: supervisor shutting down", true);
    if (!changes) return;
    const [added, changed, dropped] = changes;
    const lines = new Map<string, string>();
    for (const [names, what] of [[added, "available"], [changed, "changed"], [dropped, "disappeared"]] as const) {
      for (const n of names) lines.set(n, what);
    }
    if (!lines.size) return ctl.output("No config updates to processes");
    for (const name of [...lines.keys()].sort()) ctl.output(`${name}: ${lines.get(name)}`);
  },
};

export const add: Command = {
  name: "add",
  help: "add <name> [...]\tActivates any updates in config for process/group",
  async run(ctl, arg) {
    for (const name of words(arg)) {
      try {
        await ctl.call("supervisor.addProcessGroup", name);
        ctl.output(`${name}: added process group`);
      } catch (e) {
        const code = faultCode(e);
        if (code === Faults.SHUTDOWN_STATE) {
          ctl.output("ERROR: shutting down");
          ctl.exitstatus = Exit.GENERIC;
        } else if (code === Faults.ALREADY_ADDED) {
          ctl.output("ERROR: process group already active");
        } else if (code === Faults.BAD_NAME) {
          ctl.output(`ERROR: no such process/group: ${name}`);
          ctl.exitstatus = Exit.GENERIC;
        } else {
          ctl.exitstatus = Exit.GENERIC;
          throw e;
        }
      }
    }
  },
};

export const remove: Command = {
  name: "remove",
  help: "remove <name> [...]\tRemoves process/group from active config",
  async run(ctl, arg) {
    for (const name of words(arg)) {
      try {
        await ctl.call("supervisor.removeProcessGroup", name);
        ctl.output(`${name}: removed process group`);
      } catch (e) {
        ctl.exitstatus = Exit.GENERIC;
        const code = faultCode(e);
        if (code === Faults.STILL_RUNNING) ctl.output(`ERROR: process/group still running: ${name}`);
        else if (code === Faults.BAD_NAME) ctl.output(`ERROR: no such process/group: ${name}`);
        else throw e;
      }
    }
  },
};

export const update: Command = {
  name: "update",
  help: "update\t\t\tReload config and add/remove as necessary, and will restart affected programs\nupdate all\t\tReload config and add/remove as necessary, and will restart affected programs\nupdate <gname> [...]\tUpdate specific groups",
  async run(ctl, arg) {
    const changes = await reloadConfig(ctl, "ERROR: already shutting down", false);
    if (!changes) return;
    const [added, changed, removed] = changes;
    const log = (name: string, message: string) => ctl.output(`${name}: ${message}`);
    // 4.2.5 keeps the names in a set; "all" means the same as no names.
    let wanted = new Set(words(arg));
    if (wanted.has("all")) wanted = new Set();
    if (wanted.size) {
      const infos: { group: string }[] = await ctl.callAny("supervisor.getAllProcessInfo");
      const groups = new Set([...infos.map((i) => i.group), ...added]);
      for (const g of wanted) {
        if (!groups.has(g)) {
          ctl.output(`ERROR: no such group: ${g}`);
          ctl.exitstatus = Exit.GENERIC;
        }
      }
    }
    const chosen = (g: string) => !wanted.size || wanted.has(g);
    for (const g of removed.filter(chosen)) {
      const results: { status: number }[] = await ctl.callAny("supervisor.stopProcessGroup", g);
      log(g, "stopped");
      if (results.some((r) => r.status === Faults.FAILED)) {
        log(g, "has problems; not removing");
        ctl.exitstatus = Exit.GENERIC;
        continue;
      }
      await ctl.call("supervisor.removeProcessGroup", g);
      log(g, "removed process group");
    }
    for (const g of changed.filter(chosen)) {
      await ctl.call("supervisor.stopProcessGroup", g);
      log(g, "stopped");
      await ctl.call("supervisor.removeProcessGroup", g);
      await ctl.call("supervisor.addProcessGroup", g);
      log(g, "updated process group");
    }
    for (const g of added.filter(chosen)) {
      await ctl.call("supervisor.addProcessGroup", g);
      log(g, "added process group");
    }
  },
};
