// Decodes XML-RPC bodies into values. Every malformed body ends in XmlRpcDecodeError; a valid <fault> response
// ends in XmlRpcFault. Nothing else is thrown.
import { XmlRpcDecodeError, XmlRpcFault } from "./errors";
import { INT_MAX, INT_MIN, type XmlRpcStruct, type XmlRpcValue } from "./values";
import { DEFAULT_LIMITS, type ReadLimits, readXml, type XmlElement } from "./xml-reader";

export interface MethodCall {
  method: string;
  params: XmlRpcValue[];
}

function bad(msg: string): never {
  throw new XmlRpcDecodeError(msg);
}

function only(el: XmlElement, name: string): XmlElement {
  if (el.children.length !== 1 || el.children[0].name !== name) bad(`<${el.name}> must hold exactly one <${name}>`);
  return el.children[0];
}

function noChildren(el: XmlElement): string {
  if (el.children.length) bad(`<${el.name}> may not hold elements`);
  return el.text;
}

const INT_RE = /^[+-]?\d+$/;
const DOUBLE_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DATE_RE = /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

function decodeScalar(el: XmlElement): XmlRpcValue {
  const text = noChildren(el);
  switch (el.name) {
    case "int":
    case "i4":
    case "i8": {
      const t = text.trim();
      const n = Number(t);
      if (!INT_RE.test(t) || !Number.isSafeInteger(n)) bad(`bad <${el.name}> value '${t.slice(0, 40)}'`);
      if (el.name !== "i8" && (n < INT_MIN || n > INT_MAX)) bad(`<${el.name}> value ${t} out of range`);
      return n;
    }
    case "boolean": {
      const t = text.trim();
      if (t !== "0" && t !== "1") bad(`bad <boolean> value '${t.slice(0, 40)}'`);
      return t === "1";
    }
    case "string":
      return text;
    case "double": {
      const t = text.trim();
      if (!DOUBLE_RE.test(t)) bad(`bad <double> value '${t.slice(0, 40)}'`);
      return Number(t);
    }
    case "dateTime.iso8601": {
      const m = DATE_RE.exec(text.trim());
      if (!m) bad(`bad <dateTime.iso8601> value '${text.trim().slice(0, 40)}'`);
      const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
      const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
      if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
        bad(`bad <dateTime.iso8601> value '${m[0]}'`);
      }
      if (y < 100) date.setUTCFullYear(y);
      return date;
    }
    case "base64": {
      const t = text.replace(/\s+/g, "");
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(t) || t.length % 4 === 1) bad("bad <base64> value");
      const bin = atob(t.padEnd(Math.ceil(t.length / 4) * 4, "="));
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      return bytes;
    }
    case "nil":
      if (text.trim()) bad("<nil> must be empty");
      return null;
    default:
      return bad(`unknown value type <${el.name}>`);
  }
}

function decodeValue(value: XmlElement): XmlRpcValue {
  if (value.name !== "value") bad(`expected <value>, got <${value.name}>`);
  // A <value> with no type element is a string (XML-RPC's default type).
  if (!value.children.length) return value.text;
  if (value.children.length > 1) bad("<value> must hold one type element");
  if (/\S/.test(value.text)) bad("<value> mixes text and a type element");
  const typed = value.children[0];
  if (typed.name === "array") {
    const data = only(typed, "data");
    return data.children.map(decodeValue);
  }
  if (typed.name === "struct") {
    const out: XmlRpcStruct = {};
    for (const member of typed.children) {
      if (member.name !== "member" || member.children.length !== 2) bad("<struct> must hold <member>s of <name> and <value>");
      const [name, val] = member.children;
      if (name.name !== "name") bad("<member> must start with <name>");
      // defineProperty, so a member called "__proto__" is plain data and not the prototype setter.
      Object.defineProperty(out, noChildren(name), { value: decodeValue(val), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return decodeScalar(typed);
}

function decodeParams(params: XmlElement): XmlRpcValue[] {
  return params.children.map((param) => {
    if (param.name !== "param") bad(`expected <param>, got <${param.name}>`);
    return decodeValue(only(param, "value"));
  });
}

/** Decodes a <methodCall>. A missing <params> means no parameters, as 4.2.5 allows. */
export function decodeRequest(body: string, limits: ReadLimits = DEFAULT_LIMITS): MethodCall {
  const root = readXml(body, limits);
  if (root.name !== "methodCall") bad(`expected <methodCall>, got <${root.name}>`);
  const nameEl = root.children[0];
  if (!nameEl || nameEl.name !== "methodName") bad("<methodCall> must start with <methodName>");
  const method = noChildren(nameEl).trim();
  if (!method) bad("empty <methodName>");
  if (root.children.length > 2 || (root.children[1] && root.children[1].name !== "params")) {
    bad("<methodCall> may hold only <methodName> and <params>");
  }
  return { method, params: root.children[1] ? decodeParams(root.children[1]) : [] };
}

/** Decodes a <methodResponse>: returns its one value, or throws XmlRpcFault for a <fault>. */
export function decodeResponse(body: string, limits: ReadLimits = DEFAULT_LIMITS): XmlRpcValue {
  const root = readXml(body, limits);
  if (root.name !== "methodResponse") bad(`expected <methodResponse>, got <${root.name}>`);
  if (root.children.length !== 1) bad("<methodResponse> must hold one <params> or <fault>");
  const inner = root.children[0];
  if (inner.name === "fault") {
    const f = decodeValue(only(inner, "value"));
    if (!f || typeof f !== "object" || Array.isArray(f) || f instanceof Date || f instanceof Uint8Array) bad("<fault> must hold a struct");
    const { faultCode, faultString } = f as XmlRpcStruct;
    if (typeof faultCode !== "number" || typeof faultString !== "string") bad("<fault> needs faultCode and faultString");
    throw new XmlRpcFault(faultCode, faultString);
  }
  if (inner.name !== "params") bad(`expected <params> or <fault>, got <${inner.name}>`);
  const values = decodeParams(inner);
  if (values.length !== 1) bad("a response must hold exactly one <param>");
  return values[0];
}
