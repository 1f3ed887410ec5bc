// Talks to supervisord over unix:///path or http://host:port: XML-RPC calls on /RPC2 and streaming GETs for
// tail -f and fg. Errors come back typed so that commands can print 4.2.5's phrases.
import { decodeResponse, encodeRequest, type XmlRpcValue } from "../rpc/codec";

/** The socket could not be reached: code is the errno name (ENOENT, ECONNREFUSED, ...). */
export class ConnectError extends Error {
  override name = "ConnectError";
  constructor(readonly code: string) {
    super(code);
  }
}

/** The server answered with an HTTP status other than 200. */
export class ProtocolError extends Error {
  override name = "ProtocolError";
  constructor(
    readonly url: string,
    readonly status: number,
    readonly reason: string,
  ) {
    super(`<ProtocolError for ${url}: ${status} ${reason}>`);
  }
}

/** The serverurl names a scheme other than unix:// or http://. */
export class BadServerUrl extends Error {
  override name = "BadServerUrl";
}

interface Endpoint {
  base: string;
  unix?: string;
}

function endpointOf(serverurl: string): Endpoint {
  if (serverurl.startsWith("unix://")) return { base: "http://localhost", unix: serverurl.slice(7) };
  if (serverurl.startsWith("http://")) {
    const u = new URL(serverurl);
    return { base: `http://${u.host}` };
  }
  throw new BadServerUrl(`Unknown protocol for serverurl ${serverurl}`);
}

function connectErrorOf(e: unknown): unknown {
  const code = (e as { code?: unknown })?.code;
  return typeof code === "string" && /^E[A-Z]+$/.test(code) ? new ConnectError(code) : e;
}

export class Transport {
  private readonly endpoint: Endpoint;
  private readonly headers: Record<string, string>;

  constructor(
    readonly serverurl: string,
    readonly username: string | null,
    readonly password: string | null,
  ) {
    this.endpoint = endpointOf(serverurl);
    this.headers = { "Content-Type": "text/xml", Accept: "text/xml" };
    // As 4.2.5's XML-RPC transport: credentials go only when both a username and a password are set.
    if (username !== null && password !== null) this.headers.Authorization = `Basic ${btoa(`${username}:${password}`)}`;
  }

  private fetchOptions(init: RequestInit): RequestInit {
    return this.endpoint.unix ? ({ ...init, unix: this.endpoint.unix } as RequestInit) : init;
  }

  async call(method: string, ...params: XmlRpcValue[]): Promise<XmlRpcValue> {
    let res: Response;
    try {
      res = await fetch(`${this.endpoint.base}/RPC2`, this.fetchOptions({ method: "POST", headers: this.headers, body: encodeRequest(method, params) }));
    } catch (e) {
      throw connectErrorOf(e);
    }
    if (res.status !== 200) {
      await res.body?.cancel();
      throw new ProtocolError("127.0.0.1/RPC2", res.status, res.statusText);
    }
    return decodeResponse(await res.text());
  }

  /**
   * GETs a streaming path (/logtail/NAME/stdout, /mainlogtail) and hands each piece of the body to onData until the
   * server closes or `signal` aborts. The credentials go whenever a password is set, as 4.2.5's tail client does.
   */
  async stream(path: string, onData: (chunk: Uint8Array) => void, signal: AbortSignal): Promise<void> {
    const headers: Record<string, string> = {};
    if (this.password) headers.Authorization = `Basic ${btoa(`${this.username ?? ""}:${this.password}`)}`;
    let res: Response;
    try {
      res = await fetch(`${this.endpoint.base}${path}`, this.fetchOptions({ headers, signal }));
    } catch (e) {
      throw connectErrorOf(e);
    }
    if (res.status !== 200) {
      await res.body?.cancel();
      throw new ProtocolError(path, res.status, res.statusText);
    }
    if (!res.body) return;
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        onData(value);
      }
    } catch (e) {
      if (!signal.aborted) throw e;
    } finally {
      reader.releaseLock();
    }
  }
}
