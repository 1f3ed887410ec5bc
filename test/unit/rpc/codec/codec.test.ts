import { describe, expect, test } from "bun:test";
import {
  decodeRequest,
  decodeResponse,
  encodeFault,
  encodeRequest,
  encodeResponse,
  XmlRpcDecodeError,
  XmlRpcFault,
} from "../../../../src/rpc/codec";

// Bodies as Python 3.11's xmlrpc.client.dumps writes them (the layout 4.2.5's server and client exchange).
const PY_REQUEST = `<?xml version='1.0'?>
<methodCall>
<methodName>supervisor.startProcess</methodName>
<params>
<param>
<value><string>a</string></value>
</param>
<param>
<value><int>2</int></value>
</param>
</params>
</methodCall>
`;

const PY_FAULT = `<?xml version='1.0'?>
<methodResponse>
<fault>
<value><struct>
<member>
<name>faultCode</name>
<value><int>10</int></value>
</member>
<member>
<name>faultString</name>
<value><string>BAD_NAME: foo</string></value>
</member>
</struct></value>
</fault>
</methodResponse>
`;

const PY_RESPONSE = `<?xml version='1.0'?>
<methodResponse>
<params>
<param>
<value><struct>
<member>
<name>a</name>
<value><int>1</int></value>
</member>
<member>
<name>b</name>
<value><array><data>
<value><boolean>1</boolean></value>
<value><double>1.5</double></value>
<value><string>x&lt;&amp;&gt;"</string></value>
</data></array></value>
</member>
<member>
<name>n</name>
<value><nil/></value></member>
</struct></value>
</param>
</params>
</methodResponse>
`;

describe("encoding matches Python's xmlrpc.client byte for byte", () => {
  test("a request", () => expect(encodeRequest("supervisor.startProcess", ["a", 2])).toBe(PY_REQUEST));
  test("a fault", () => expect(encodeFault(10, "BAD_NAME: foo")).toBe(PY_FAULT));
  test("a nested response with nil", () =>
    expect(encodeResponse({ a: 1, b: [true, 1.5, 'x<&>"'], n: null })).toBe(PY_RESPONSE));
  test("a request with no params", () =>
    expect(encodeRequest("supervisor.getVersion")).toBe(
      "<?xml version='1.0'?>\n<methodCall>\n<methodName>supervisor.getVersion</methodName>\n<params>\n</params>\n</methodCall>\n",
    ));
  test("base64, dateTime and doubles", () => {
    const body = encodeRequest("m", [new TextEncoder().encode("hi"), new Date(Date.UTC(2024, 0, 1, 1, 2, 3)), -0, 2 ** 40]);
    expect(body).toContain("<value><base64>\naGk=\n</base64></value>\n");
    expect(body).toContain("<value><dateTime.iso8601>20240101T01:02:03</dateTime.iso8601></value>\n");
    expect(body).toContain("<value><double>-0.0</double></value>\n");
    expect(body).toContain("<value><double>1099511627776.0</double></value>\n");
  });
  test("non-finite numbers and cycles are refused", () => {
    expect(() => encodeResponse(Number.NaN)).toThrow(TypeError);
    const a: unknown[] = [];
    a.push(a);
    expect(() => encodeResponse(a as never)).toThrow(TypeError);
  });
});

describe("decoding", () => {
  test("round trip of every type", () => {
    const value = {
      i: -5,
      big: 2 ** 40,
      d: 0.25,
      t: true,
      f: false,
      s: "héllo & <bye>",
      empty: "",
      date: new Date(Date.UTC(2026, 10, 26, 4, 5, 6)),
      bytes: new Uint8Array([0, 1, 2, 255]),
      list: [1, ["x", null], {}],
      nested: { deeper: { deepest: [] } },
    };
    expect(decodeResponse(encodeResponse(value))).toEqual(value);
  });
  test("a Python request", () => expect(decodeRequest(PY_REQUEST)).toEqual({ method: "supervisor.startProcess", params: ["a", 2] }));
  test("a request without <params> has no parameters", () =>
    expect(decodeRequest("<methodCall><methodName>system.listMethods</methodName></methodCall>")).toEqual({
      method: "system.listMethods",
      params: [],
    }));
  test("untyped values are strings, i4 and i8 are ints, entities and CDATA are text", () => {
    const body =
      "<methodResponse><params><param><value><array><data><value> raw &#65;&#x42; </value><value><i4>7</i4></value>" +
      "<value><i8>4294967296</i8></value><value><string><![CDATA[<x>]]></string></value><value/></data></array></value></param></params></methodResponse>";
    expect(decodeResponse(body)).toEqual([" raw AB ", 7, 4294967296, "<x>", ""]);
  });
  test("a fault response throws XmlRpcFault with code and string", () => {
    try {
      decodeResponse(PY_FAULT);
      throw new Error("no fault");
    } catch (e) {
      expect(e).toBeInstanceOf(XmlRpcFault);
      expect((e as XmlRpcFault).faultCode).toBe(10);
      expect((e as XmlRpcFault).faultString).toBe("BAD_NAME: foo");
    }
  });
  test("a struct member named __proto__ is data", () => {
    const v = decodeResponse(encodeResponse(JSON.parse('{"__proto__": 1}'))) as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(["__proto__"]);
  });
});

describe("hostile and malformed bodies are refused with XmlRpcDecodeError", () => {
  const refused: Record<string, string> = {
    "a DOCTYPE": '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><methodResponse/>',
    "billion laughs": '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><methodCall><methodName>&lol2;</methodName></methodCall>',
    "an external entity": '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><methodCall><methodName>&xxe;</methodName></methodCall>',
    "an undeclared entity": "<methodCall><methodName>&xxe;</methodName></methodCall>",
    "a processing instruction": "<methodCall><?php x ?><methodName>a</methodName></methodCall>",
    "mismatched tags": "<methodCall><methodName>a</methodCall></methodName>",
    truncated: PY_REQUEST.slice(0, 80),
    "text outside the root": "junk<methodCall><methodName>a</methodName></methodCall>",
    "two roots": "<methodCall><methodName>a</methodName></methodCall><methodCall/>",
    "an empty method name": "<methodCall><methodName> </methodName></methodCall>",
    "a bad int": "<methodResponse><params><param><value><int>12x</int></value></param></params></methodResponse>",
    "an int beyond 32 bits": "<methodResponse><params><param><value><int>2147483648</int></value></param></params></methodResponse>",
    "a bad boolean": "<methodResponse><params><param><value><boolean>yes</boolean></value></param></params></methodResponse>",
    "a bad double": "<methodResponse><params><param><value><double>1.2.3</double></value></param></params></methodResponse>",
    "a bad date": "<methodResponse><params><param><value><dateTime.iso8601>20241345T99:00:00</dateTime.iso8601></value></param></params></methodResponse>",
    "bad base64": "<methodResponse><params><param><value><base64>!!</base64></value></param></params></methodResponse>",
    "an unknown type": "<methodResponse><params><param><value><float>1</float></value></param></params></methodResponse>",
    "two params in a response": "<methodResponse><params><param><value>a</value></param><param><value>b</value></param></params></methodResponse>",
    "a fault without a code": "<methodResponse><fault><value><struct></struct></value></fault></methodResponse>",
    "a struct member without a name": "<methodResponse><params><param><value><struct><member><value>1</value></member></struct></value></param></params></methodResponse>",
  };
  for (const [what, body] of Object.entries(refused)) {
    test(what, () => {
      expect(() => (body.includes("methodCall") ? decodeRequest(body) : decodeResponse(body))).toThrow(XmlRpcDecodeError);
    });
  }
  test("nesting beyond the depth limit", () => {
    const deep = `${"<value><array><data>".repeat(200)}${"</data></array></value>".repeat(200)}`;
    const body = `<methodResponse><params><param>${deep}</param></params></methodResponse>`;
    expect(() => decodeResponse(body)).toThrow(/nesting deeper than 256/);
  });
  test("a body over the size limit", () => {
    expect(() => decodeRequest(PY_REQUEST, { maxBytes: 100, maxDepth: 10 })).toThrow(/body too large/);
  });
});
