// Calls the namespaces the way a client does: an encoded request through the endpoint, the response decoded.
import { decodeResponse, encodeRequest, type XmlRpcValue } from "../../../../src/rpc/codec";
import { createRpcEndpoint, type RpcEndpoint } from "../../../../src/rpc/namespaces";
import { FakeDaemon } from "./fake-daemon";

export async function bodyText(xml: string | Uint8Array | Blob): Promise<string> {
  if (typeof xml === "string") return xml;
  return xml instanceof Blob ? xml.text() : new TextDecoder().decode(xml);
}

export interface Rig {
  daemon: FakeDaemon;
  endpoint: RpcEndpoint;
  logged: string[];
  call(method: string, ...params: XmlRpcValue[]): Promise<XmlRpcValue>;
  /** The fault a call ends in, as "code text"; throws if the call succeeds. */
  fault(method: string, ...params: XmlRpcValue[]): Promise<string>;
}

export function rig(): Rig {
  const daemon = new FakeDaemon();
  const logged: string[] = [];
  const endpoint = createRpcEndpoint(daemon, {
    error: (m) => logged.push(`error ${m}`),
    critical: (m) => logged.push(`critical ${m}`),
    trace: () => {},
  });
  const call = async (method: string, ...params: XmlRpcValue[]) => {
    const outcome = await endpoint.handle(encodeRequest(method, params));
    if (outcome.status !== 200) throw new Error(`HTTP ${outcome.status}`);
    return decodeResponse(await bodyText(outcome.xml));
  };
  const fault = async (method: string, ...params: XmlRpcValue[]) => {
    try {
      await call(method, ...params);
    } catch (e) {
      const f = e as { faultCode?: number; faultString?: string };
      if (f.faultCode === undefined) throw e;
      return `${f.faultCode} ${f.faultString}`;
    }
    throw new Error(`${method} did not fault`);
  };
  return { daemon, endpoint, logged, call, fault };
}
