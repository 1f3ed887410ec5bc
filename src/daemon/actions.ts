// One process's start, stop and signal as the RPC methods mean them (4.2.5's startProcess, stopProcess and
// signalProcess for a single name): the state checks that become faults, the input to the machine, and the wait.
import { AbnormalTermination, AlreadyStarted, BadSignal, Failed, NotRunning, SpawnError } from "../core/errors";
import { signalNumber } from "../core/signals";
import { isRunningState, isStoppedState, SIGNALLABLE_STATES } from "../core/states";
import type { Clock, TimerHandle } from "../platform/clock";
import type { MainLogger } from "./log-seams";
import type { Process } from "./process";

export async function startOne(p: Process, name: string, wait: boolean): Promise<true> {
  p.checkCommand();
  if (isRunningState(p.state)) throw new AlreadyStarted(name);
  if (p.state === "UNKNOWN") throw new Failed(`${name} is in an unknown process state`);
  p.send({ kind: "start" });
  if (p.spawnerr) throw new SpawnError(name);
  if (!wait || p.state === "RUNNING") return true;
  const end = await p.until((s) => s !== "STARTING" || p.spawnerr !== null);
  if (p.spawnerr) throw new SpawnError(name);
  if (end !== "RUNNING") throw new AbnormalTermination(name);
  return true;
}

export async function stopOne(p: Process, name: string, wait: boolean, deps: { clock: Clock; log: MainLogger }): Promise<true> {
  if (!isRunningState(p.state)) throw new NotRunning(name);
  p.send({ kind: "stop" });
  if (p.state === "UNKNOWN") throw new Failed(`unknown problem killing ${p.config.name}`);
  if (wait && !isStoppedState(p.state)) await waitStopped(p, deps);
  return true;
}

/** A waited-for stop says "waiting for x to stop" at once and then every 2 s, as 4.2.5's stop_report does. */
async function waitStopped(p: Process, deps: { clock: Clock; log: MainLogger }): Promise<void> {
  const next: { timer: TimerHandle | null } = { timer: null };
  const report = () => {
    if (p.state !== "STOPPING") return;
    deps.log.log("info", `waiting for ${p.config.name} to stop`);
    next.timer = deps.clock.at(deps.clock.now() + 2000, report);
  };
  report();
  await p.until(isStoppedState);
  next.timer?.cancel();
}

export function signalOne(p: Process, name: string, signal: string | number): true {
  if (signalNumber(signal) === null) throw new BadSignal(String(signal));
  if (!SIGNALLABLE_STATES.includes(p.state)) throw new NotRunning(name);
  p.send({ kind: "signal", signal });
  if (p.state === "UNKNOWN") throw new Failed(`unknown problem signalling ${p.config.name}`);
  return true;
}
