// A seeded corpus of hostile XML-RPC requests for the fuzz test. No request in it can act on a child: every method
// that stops, signals, restarts or writes is called only with names no process has, and the methods that act on all
// processes are never called, so "children untouched" is a property the test can check.
import { encodeRequest, type XmlRpcValue } from "../../src/rpc/codec";

export interface FuzzCase {
  kind: string;
  method: "POST" | "GET" | "PUT";
  body: string | Uint8Array;
  /** Authorization header, or null for none. */
  auth: string | null;
}

/** mulberry32: small, fast and reproducible from one number. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Methods safe with any parameters: they read, or they act only on a name (never "fuzzchild"). */
const SAFE = [
  "supervisor.getAPIVersion", "supervisor.getVersion", "supervisor.getSupervisorVersion", "supervisor.getIdentification",
  "supervisor.getState", "supervisor.getPID", "supervisor.readLog", "supervisor.readMainLog",
  "supervisor.getProcessInfo", "supervisor.getAllProcessInfo", "supervisor.getAllConfigInfo",
  "supervisor.readProcessStdoutLog", "supervisor.readProcessLog", "supervisor.readProcessStderrLog",
  "supervisor.tailProcessStdoutLog", "supervisor.tailProcessLog", "supervisor.tailProcessStderrLog",
  "system.listMethods", "system.methodHelp", "system.methodSignature", "supervisor.nope", "nope.nope", "a.b.c",
];
/** Methods that act on the process or group named by their first parameter. */
const BY_NAME = [
  "supervisor.startProcess", "supervisor.stopProcess", "supervisor.signalProcess", "supervisor.startProcessGroup",
  "supervisor.stopProcessGroup", "supervisor.signalProcessGroup", "supervisor.sendProcessStdin",
  "supervisor.clearProcessLogs", "supervisor.removeProcessGroup", "supervisor.addProcessGroup",
];
const b64 = (s: string) => Buffer.from(s).toString("base64");

/** The child the test watches; no generated name ever equals it. */
export const CHILD = "fuzzchild";

export function generate(seed: number, count: number, goodAuth: string): FuzzCase[] {
  const rnd = prng(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const text = (max: number) => {
    const chars = "abc:*._-/ <>&'\"\u00e9\u4e2d\n\t0123456789";
    let s = "";
    for (let i = int(max); i > 0; i--) s += chars[int(chars.length)];
    return s === CHILD || s.startsWith(`${CHILD}:`) ? `${s}x` : s;
  };
  const value = (depth: number): XmlRpcValue => {
    switch (int(depth > 2 ? 7 : 9)) {
      case 0: return int(2 ** 31) - 2 ** 30;
      case 1: return rnd() * 1e6;
      case 2: return rnd() < 0.5;
      case 3: return text(30);
      case 4: return null;
      case 5: return new Date(Date.UTC(2000 + int(50), int(12), 1 + int(28)));
      case 6: return new TextEncoder().encode(text(20));
      case 7: return Array.from({ length: int(4) }, () => value(depth + 1));
      default: return Object.fromEntries(Array.from({ length: int(4) }, () => [text(8), value(depth + 1)]));
    }
  };
  const params = (): XmlRpcValue[] => Array.from({ length: int(5) }, () => value(0));
  const safeCall = (): string => {
    if (rnd() < 0.5) return encodeRequest(pick(SAFE), params());
    const [first, ...rest] = params();
    return encodeRequest(pick(BY_NAME), [typeof first === "string" ? first : text(12), ...rest]);
  };
  const nest = (depth: number, open: string, close: string) =>
    `<?xml version="1.0"?><methodCall><methodName>system.methodHelp</methodName><params><param>` +
    `${open.repeat(depth)}<value>x</value>${close.repeat(depth)}</param></params></methodCall>`;

  const makers: [string, () => Omit<FuzzCase, "kind">][] = [
    ["truncated", () => { const b = safeCall(); return post(b.slice(0, int(b.length))); }],
    ["byte flips", () => {
      const b = new TextEncoder().encode(safeCall());
      for (let i = 1 + int(4); i > 0; i--) b[int(b.length)] = int(256);
      return post(b);
    }],
    ["wrong types and arity", () => post(safeCall())],
    ["multicall", () => post(encodeRequest("system.multicall", [Array.from({ length: int(6) }, () => (
      rnd() < 0.2 ? value(0) : { methodName: rnd() < 0.1 ? "system.multicall" : pick(SAFE), params: params() }
    ))]))],
    ["deeply nested arrays", () => post(nest(200 + int(4_000), "<value><array><data>", "</data></array></value>"))],
    ["deeply nested structs", () => post(nest(200 + int(2_000), "<value><struct><member><name>a</name>", "</member></struct></value>"))],
    ["billion laughs", () => post(
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">` +
        Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ""};`.repeat(10)}">`).join("") +
        `]><methodCall><methodName>system.methodHelp</methodName><params><param><value>&lol9;</value></param></params></methodCall>`,
    )],
    ["external entity", () => post(
      `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>` +
        `<methodCall><methodName>supervisor.getProcessInfo</methodName><params><param><value>&e;</value></param></params></methodCall>`,
    )],
    ["huge string", () => post(encodeRequest(pick(["supervisor.getProcessInfo", "system.methodHelp"]), ["A".repeat(64 * 1024 + int(512 * 1024))]))],
    ["garbage", () => post(Uint8Array.from({ length: int(2000) }, () => int(256)))],
    ["not XML-RPC", () => post(pick(["", "<x/>", "<methodCall/>", "<methodCall><methodName></methodName></methodCall>",
      "<methodResponse><params/></methodResponse>", "<?xml version='1.0'?>", "<methodCall><methodName>a</methodName><params><param/></params></methodCall>",
      `<methodCall><methodName>supervisor.getState</methodName><params><param><value><int>1e9999</int></value></param></params></methodCall>`,
      `<methodCall><methodName>x</methodName><params><param><value><boolean>2</boolean></value></param></params></methodCall>`]))],
    ["no auth", () => ({ method: "POST", body: safeCall(), auth: null })],
    ["wrong auth", () => ({ method: "POST", body: safeCall(), auth: pick([`Basic ${b64(`user:${text(10)}`)}`, "Basic !!!", "Basic a", `Digest ${b64(text(10))}`, "Basic", `Basic ${b64(text(20))}`]) })],
    ["wrong HTTP method", () => ({ method: pick(["GET", "PUT"] as const), body: pick(["GET", "PUT"]) === "GET" ? "" : safeCall(), auth: goodAuth })],
  ];
  function post(body: string | Uint8Array): Omit<FuzzCase, "kind"> {
    return { method: "POST", body, auth: goodAuth };
  }
  return Array.from({ length: count }, (_, i) => {
    // Costly kinds (huge strings, deep nesting) come up at a twentieth of the rate of the others.
    let k = i % makers.length;
    if (["huge string", "deeply nested arrays", "deeply nested structs"].includes(makers[k][0]) && rnd() > 0.05) k = 2;
    const [kind, make] = makers[k];
    return { kind, ...make() };
  });
}
