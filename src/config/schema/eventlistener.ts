// [eventlistener:x]: a pool of listener processes (the process keys of program.ts) plus the pool's own keys.
import * as dt from "../datatypes";
import type { RawSection } from "../document";
import { BadValue } from "../errors";
import { Expansions, layer } from "../expand";
import type { EventListenerPoolConfig } from "../types";
import { dirname } from "node:path";
import { type ProcessContext, processesFromSection } from "./program";
import { key, SectionReader } from "./reader";

/** The event types 4.2.5's EventTypes defines (abstract ones included: a listener may subscribe to a family). */
export const EVENT_TYPES = new Set([
  "EVENT", "PROCESS_STATE", "PROCESS_STATE_STOPPED", "PROCESS_STATE_EXITED", "PROCESS_STATE_STARTING",
  "PROCESS_STATE_STOPPING", "PROCESS_STATE_BACKOFF", "PROCESS_STATE_FATAL", "PROCESS_STATE_RUNNING",
  "PROCESS_STATE_UNKNOWN", "PROCESS_COMMUNICATION", "PROCESS_COMMUNICATION_STDOUT", "PROCESS_COMMUNICATION_STDERR",
  "PROCESS_LOG", "PROCESS_LOG_STDOUT", "PROCESS_LOG_STDERR", "REMOTE_COMMUNICATION", "SUPERVISOR_STATE_CHANGE",
  "SUPERVISOR_STATE_CHANGE_RUNNING", "SUPERVISOR_STATE_CHANGE_STOPPING", "TICK", "TICK_5", "TICK_60", "TICK_3600",
  "PROCESS_GROUP", "PROCESS_GROUP_ADDED", "PROCESS_GROUP_REMOVED",
]);

export const DEFAULT_RESULT_HANDLER = "supervisor.dispatchers:default_handler";

function resultHandler(v: string): string {
  if (v !== DEFAULT_RESULT_HANDLER) throw new BadValue(`cannot be resolved; the one handler available is ${DEFAULT_RESULT_HANDLER}`);
  return v;
}

function events(v: string): string[] {
  return [...new Set(dt.listOfStrings(v).map((x) => x.toUpperCase()))].sort();
}

export const EVENTLISTENER_KEYS = {
  priority: key("-1", dt.integer), // listeners start first and stop last
  buffer_size: key("10", dt.integer),
  result_handler: key(DEFAULT_RESULT_HANDLER, resultHandler),
  events: key("", events),
  redirect_stderr: key("false", dt.boolean),
};

export function readEventListener(ctx: ProcessContext, section: RawSection): EventListenerPoolConfig {
  const names = new Expansions([ctx.envNames, layer({ here: dirname(section.file) })]);
  const r = new SectionReader(ctx.raw, section, EVENTLISTENER_KEYS, ctx.host, names);
  const name = section.name.slice(section.name.indexOf(":") + 1);
  const priority = r.get("priority");
  const bufferSize = r.get("buffer_size");
  if (bufferSize < 1) throw r.error(`[${section.name}] section sets invalid buffer_size (${bufferSize})`, "buffer_size");
  const handler = r.get("result_handler");
  const eventNames = r.get("events");
  if (eventNames.length === 0) throw r.error(`[${section.name}] section requires an "events" line`, "events");
  for (const e of eventNames) {
    if (!EVENT_TYPES.has(e)) throw r.error(`Unknown event type ${e} in [${section.name}] events`, "events");
  }
  if (r.get("redirect_stderr")) {
    throw r.error(
      `[${section.name}] section sets redirect_stderr=true but this is not allowed because it will interfere ` +
        "with the eventlistener protocol",
      "redirect_stderr",
    );
  }
  return {
    kind: "eventlistener",
    name,
    priority,
    processes: processesFromSection(ctx, section, name),
    bufferSize,
    events: eventNames,
    resultHandler: handler,
  };
}
