// [rpcinterface:x]: which XML-RPC namespaces to serve. Only the main interface exists here (Python plugins cannot
// be loaded), so any other factory is refused as 4.2.5 refuses one it cannot import.
import type { RawConfig } from "../document";
import { BadValue } from "../errors";
import { Expansions, type ExpansionValue } from "../expand";
import type { ConfigHost } from "../host";
import type { RpcInterfaceConfig } from "../types";
import { optional, SectionReader } from "./reader";

export const FACTORY_KEY = "supervisor.rpcinterface_factory";
export const MAIN_FACTORY = "supervisor.rpcinterface:make_main_rpcinterface";

function factory(v: string): string {
  if (v !== MAIN_FACTORY) throw new BadValue(`cannot be resolved; the one factory available is ${MAIN_FACTORY}`);
  return v;
}

export const RPCINTERFACE_KEYS = { [FACTORY_KEY]: optional(factory) };

export function readRpcInterfaces(
  raw: RawConfig,
  host: ConfigHost,
  envNames: ReadonlyMap<string, ExpansionValue>,
): RpcInterfaceConfig[] {
  const names = new Expansions([envNames]);
  return raw.sectionsWithPrefix("rpcinterface:").map((section) => {
    const r = new SectionReader(raw, section, RPCINTERFACE_KEYS, host, names);
    const spec = r.get(FACTORY_KEY);
    if (spec === null) throw r.error(`section [${section.name}] does not specify a ${FACTORY_KEY}`, FACTORY_KEY);
    const options: Record<string, string> = {};
    for (const k of raw.keys(section)) {
      if (k !== FACTORY_KEY) options[k] = r.expand(r.entry(k)!.value, names, k);
    }
    return { name: section.name.slice(section.name.indexOf(":") + 1), factory: spec, options };
  });
}
