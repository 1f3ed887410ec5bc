// The method table behind /RPC2: every published name ("namespace.method"), its arity, help text and handler.
// Lookup follows 4.2.5's traverse(): exactly one dot, a known namespace and method, else UNKNOWN_METHOD; a call with
// too few or too many parameters is INCORRECT_PARAMETERS.
import { DomainError } from "../../core/errors";
import type { XmlRpcValue } from "../codec";
import { incorrectParameters } from "./params";

export type Handler = (args: XmlRpcValue[]) => XmlRpcValue | Promise<XmlRpcValue>;

export interface MethodDef {
  help: string;
  /** Parameter names; a trailing "?" marks one with a default (4.2.5's wait=True). */
  params: readonly string[];
  run: Handler;
}

/** [returnType, ...paramTypes] from a docstring's @return and @param lines, as 4.2.5's gettags() reads them. */
export function signatureOf(help: string): string[] | null {
  let rtype: string | null = null;
  const ptypes: string[] = [];
  for (const raw of help.split("\n")) {
    const line = raw.trim();
    if (!line.startsWith("@")) continue;
    const [tag, type = ""] = line.split(/\s+/);
    if (tag === "@return") rtype = type;
    else if (tag === "@param") ptypes.push(type);
  }
  return rtype === null ? null : [rtype, ...ptypes];
}

export class MethodTable {
  private readonly methods = new Map<string, MethodDef>();

  add(namespace: string, defs: Record<string, MethodDef>): void {
    for (const [name, def] of Object.entries(defs)) this.methods.set(`${namespace}.${name}`, def);
  }

  has(name: string): boolean {
    return this.methods.has(name);
  }

  /** system.listMethods: every name, sorted. */
  names(): string[] {
    return [...this.methods.keys()].sort();
  }

  /** system.methodHelp. */
  help(name: XmlRpcValue): string {
    const def = typeof name === "string" ? this.methods.get(name) : undefined;
    if (!def) throw new DomainError("SIGNATURE_UNSUPPORTED");
    return def.help;
  }

  /** system.methodSignature. */
  signature(name: XmlRpcValue): string[] {
    const def = typeof name === "string" ? this.methods.get(name) : undefined;
    const sig = def ? signatureOf(def.help) : null;
    if (!sig) throw new DomainError("SIGNATURE_UNSUPPORTED");
    return sig;
  }

  /** Calls `name` with `params`; throws DomainError for every fault, anything else for an internal failure. */
  async call(name: string, params: XmlRpcValue[]): Promise<XmlRpcValue> {
    const def = this.methods.get(name);
    if (!def) throw new DomainError("UNKNOWN_METHOD");
    const required = def.params.filter((p) => !p.endsWith("?")).length;
    if (params.length < required || params.length > def.params.length) throw incorrectParameters();
    return def.run(params);
  }
}
