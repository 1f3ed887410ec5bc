// XML-RPC over our own codec for the e2e tests: over the unix socket or TCP, with optional basic auth.
import { decodeResponse, encodeRequest, type XmlRpcValue } from "../../src/rpc/codec";

export interface Target {
  unix?: string;
  base?: string; // http://127.0.0.1:PORT
  auth?: string; // user:pass
}

export function rpcFetch(t: Target, body: string, headers: Record<string, string> = {}): Promise<Response> {
  const auth: Record<string, string> = t.auth ? { Authorization: `Basic ${btoa(t.auth)}` } : {};
  const init = { method: "POST", body, headers: { "Content-Type": "text/xml", ...auth, ...headers } };
  return t.unix
    ? fetch("http://localhost/RPC2", { ...init, unix: t.unix } as RequestInit)
    : fetch(`${t.base}/RPC2`, init);
}

export async function rpc(t: Target, method: string, ...params: XmlRpcValue[]): Promise<XmlRpcValue> {
  const res = await rpcFetch(t, encodeRequest(method, params));
  if (res.status !== 200) throw new Error(`${method}: HTTP ${res.status}`);
  return decodeResponse(await res.text());
}
