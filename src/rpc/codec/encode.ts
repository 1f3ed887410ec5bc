// Encodes requests, responses and faults in exactly the layout Python's xmlrpc.client.dumps writes (newlines
// included), so that byte comparisons against 4.2.5 and clients that sniff the body both see what they expect.
import { INT_MAX, INT_MIN, type XmlRpcValue } from "./values";

const HEAD = "<?xml version='1.0'?>\n";

const NEEDS_ESCAPE = /[&<>]/;

function escapeText(s: string): string {
  // Most names and values have nothing to escape: skip the three replace passes (a hot path for large answers).
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function base64Lines(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const b64 = btoa(bin);
  let out = "";
  // Python's base64.encodebytes: lines of 76 characters, each ending in a newline.
  for (let i = 0; i < b64.length; i += 76) out += `${b64.slice(i, i + 76)}\n`;
  return out;
}

function formatDouble(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return `${n}.0`;
  return String(n);
}

function encodeValue(v: XmlRpcValue, out: string[], seen: Set<object>): void {
  if (v === null || v === undefined) {
    out.push("<value><nil/></value>");
  } else if (typeof v === "boolean") {
    out.push(`<value><boolean>${v ? 1 : 0}</boolean></value>\n`);
  } else if (typeof v === "number") {
    if (Number.isInteger(v) && v >= INT_MIN && v <= INT_MAX && !Object.is(v, -0)) {
      out.push(`<value><int>${v}</int></value>\n`);
    } else if (Number.isFinite(v)) {
      out.push(`<value><double>${Object.is(v, -0) ? "-0.0" : formatDouble(v)}</double></value>\n`);
    } else {
      throw new TypeError(`cannot encode ${v} as XML-RPC`);
    }
  } else if (typeof v === "string") {
    out.push(`<value><string>${escapeText(v)}</string></value>\n`);
  } else if (v instanceof Date) {
    const d = `${pad(v.getUTCFullYear(), 4)}${pad(v.getUTCMonth() + 1)}${pad(v.getUTCDate())}`;
    const t = `${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}`;
    out.push(`<value><dateTime.iso8601>${d}T${t}</dateTime.iso8601></value>\n`);
  } else if (v instanceof Uint8Array) {
    out.push(`<value><base64>\n${base64Lines(v)}</base64></value>\n`);
  } else {
    if (seen.has(v)) throw new TypeError("cannot encode a recursive value as XML-RPC");
    seen.add(v);
    if (Array.isArray(v)) {
      out.push("<value><array><data>\n");
      for (const item of v) encodeValue(item, out, seen);
      out.push("</data></array></value>\n");
    } else {
      out.push("<value><struct>\n");
      for (const [key, item] of Object.entries(v)) {
        out.push(`<member>\n<name>${escapeText(key)}</name>\n`);
        encodeValue(item, out, seen);
        out.push("</member>\n");
      }
      out.push("</struct></value>\n");
    }
    seen.delete(v);
  }
}

function encodeParams(params: readonly XmlRpcValue[]): string {
  const out = ["<params>\n"];
  for (const p of params) {
    out.push("<param>\n");
    encodeValue(p, out, new Set());
    out.push("</param>\n");
  }
  out.push("</params>\n");
  return out.join("");
}

/** One value as it appears inside a request or response ("<value>...</value>\n"), for callers that assemble
 * answers from pieces (namespaces/struct-list-answer.ts). */
export function encodeValueXml(v: XmlRpcValue): string {
  const out: string[] = [];
  encodeValue(v, out, new Set());
  return out.join("");
}

export function encodeRequest(method: string, params: readonly XmlRpcValue[] = []): string {
  return `${HEAD}<methodCall>\n<methodName>${escapeText(method)}</methodName>\n${encodeParams(params)}</methodCall>\n`;
}

export function encodeResponse(value: XmlRpcValue): string {
  return `${HEAD}<methodResponse>\n${encodeParams([value])}</methodResponse>\n`;
}

export function encodeFault(faultCode: number, faultString: string): string {
  const out: string[] = [];
  encodeValue({ faultCode, faultString }, out, new Set());
  return `${HEAD}<methodResponse>\n<fault>\n${out.join("")}</fault>\n</methodResponse>\n`;
}
