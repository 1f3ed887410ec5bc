// The server sections as 4.2.5 reads them: any number, named or not, inet ones listed before unix ones, and the
// children's SUPERVISOR_SERVER_URL picked from them.
import { describe, expect, test } from "bun:test";
import { parseConfigText } from "../../../src/config";
import { FAKE_USERS, refusal } from "./fake-host";

const parse = (servers: string, file = "/etc/sv/supervisord.conf") =>
  parseConfigText(`[supervisord]\n${servers}`, { file, cwd: "/", env: { HOME: "/root" }, users: FAKE_USERS, hostname: "box" });

const listed = (servers: string) => parse(servers).httpServers.map((s) => [s.kind, s.section, s.name]);

describe("server sections", () => {
  test("inet ones first, then unix ones, each kind in the order written; the name is what follows the first colon", () => {
    const c = parse(
      "[unix_http_server:b]\nfile=/run/b.sock\n[inet_http_server:web]\nport=127.0.0.1:9001\n[unix_http_server]\nfile=/run/a.sock\n" +
        "[inet_http_server:x:y]\nport=9002\n[inet_http_server:]\nport=9003\n",
    );
    expect(c.httpServers.map((s) => [s.kind, s.section, s.name])).toEqual([
      ["inet", "inet_http_server:web", "web"],
      ["inet", "inet_http_server:x:y", "x:y"],
      ["inet", "inet_http_server:", ""],
      ["unix", "unix_http_server:b", "b"],
      ["unix", "unix_http_server", null],
    ]);
    expect(c.httpServers[0]).toEqual({
      kind: "inet",
      section: "inet_http_server:web",
      name: "web",
      host: "127.0.0.1",
      port: 9001,
      username: null,
      password: null,
    });
  });

  test("every section whose name starts with the kind is a server; names are case-sensitive", () => {
    expect(listed("[inet_http_server2]\nport=1\n[unix_http_servers]\nfile=/s\n[INET_HTTP_SERVER:x]\nport=junk\n")).toEqual([
      ["inet", "inet_http_server2", null],
      ["unix", "unix_http_servers", null],
    ]);
    expect(listed("[program:p]\ncommand=/bin/cat\n")).toEqual([]);
  });

  test("errors name the named section and its key", () => {
    const noPort = refusal(() => parse("[inet_http_server]\nport=1\n[inet_http_server:web]\nusername=u\npassword=p\n"));
    expect([noPort.section, noPort.key, noPort.line]).toEqual(["inet_http_server:web", "port", 4]);
    expect(noPort.message).toStartWith("section [inet_http_server:web] has no port value");
    const badPort = refusal(() => parse("[inet_http_server:api]\nport=127.0.0.1:x\n"));
    expect([badPort.section, badPort.key, badPort.value, badPort.line]).toEqual(["inet_http_server:api", "port", "127.0.0.1:x", 3]);
    const noFile = refusal(() => parse("[unix_http_server:main]\nchmod=0700\n"));
    expect([noFile.section, noFile.key]).toEqual(["unix_http_server:main", "file"]);
  });
});

describe("the children's SUPERVISOR_SERVER_URL (serverurl=AUTO)", () => {
  const url = (servers: string) => parse(servers).supervisord.serverurl;

  test("the first unix socket wins over every inet server", () => {
    expect(url("[inet_http_server:a]\nport=9001\n[unix_http_server:z]\nfile=/run/z.sock\n[unix_http_server]\nfile=/run/a.sock\n")).toBe(
      "unix:///run/z.sock",
    );
  });

  test("without one, the LAST inet server, as 4.2.5's search goes on past the first; no host means localhost", () => {
    expect(url("[inet_http_server:a]\nport=127.0.0.1:9001\n[inet_http_server:b]\nport=:9002\n")).toBe("http://localhost:9002");
    expect(url("[inet_http_server:b]\nport=:9002\n[inet_http_server:a]\nport=127.0.0.1:9001\n")).toBe("http://127.0.0.1:9001");
  });

  test("no server at all: none", () => {
    expect(url("")).toBeNull();
  });
});
