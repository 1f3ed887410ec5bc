import { afterAll, describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { encodeRequest } from "../../../../src/rpc/codec";
import { makeTmpDir } from "../../../support/tmp";
import { bodyText, rig } from "./call";

describe("status and control", () => {
  test("identity answers", async () => {
    const r = rig();
    expect(await r.call("supervisor.getAPIVersion")).toBe("3.0");
    expect(await r.call("supervisor.getVersion")).toBe("3.0");
    expect(await r.call("supervisor.getSupervisorVersion")).toBe("4.2.5");
    expect(await r.call("supervisor.getIdentification")).toBe("supervisor");
    expect(await r.call("supervisor.getState")).toEqual({ statecode: 1, statename: "RUNNING" });
    expect(await r.call("supervisor.getPID")).toBe(4242);
    expect(await r.call("supervisor.reloadConfig")).toEqual([[["new"], [], ["old"]]]);
  });

  test("unknown methods and wrong arity, as 4.2.5's traverse()", async () => {
    const r = rig();
    for (const name of ["supervisor.nope", "nope.getPID", "supervisor.getPID.x", "supervisor._update", "getPID"]) {
      expect(await r.fault(name)).toBe("1 UNKNOWN_METHOD");
    }
    expect(await r.fault("supervisor.getPID", 1)).toBe("2 INCORRECT_PARAMETERS");
    expect(await r.fault("supervisor.getProcessInfo")).toBe("2 INCORRECT_PARAMETERS");
    expect(await r.fault("supervisor.startProcess", "cat", true, 3)).toBe("2 INCORRECT_PARAMETERS");
  });

  test("after shutdown every call but sendRemoteCommEvent and system.* is SHUTDOWN_STATE", async () => {
    const r = rig();
    expect(await r.call("supervisor.shutdown")).toBe(true);
    for (const name of ["supervisor.getAPIVersion", "supervisor.getSupervisorVersion", "supervisor.getState"]) {
      expect(await r.fault(name)).toBe("6 SHUTDOWN_STATE");
    }
    expect(await r.fault("supervisor.sendProcessStdin", "cat", 5)).toBe("6 SHUTDOWN_STATE");
    expect(await r.call("supervisor.sendRemoteCommEvent", "t", "d")).toBe(true);
    expect(await r.call("system.listMethods")).toHaveLength(41);
  });
});

describe("processes", () => {
  test("getProcessInfo has 4.2.5's keys in 4.2.5's order", async () => {
    const r = rig();
    const outcome = await r.endpoint.handle(encodeRequest("supervisor.getProcessInfo", ["web:web_0"]));
    const xml = outcome.status === 200 ? await bodyText(outcome.xml) : "";
    const keys = [...xml.matchAll(/<name>([^<]+)<\/name>/g)].map((m) => m[1]);
    expect(keys).toEqual([
      "name", "group", "start", "stop", "now", "state", "statename", "spawnerr", "exitstatus", "logfile",
      "stdout_logfile", "stderr_logfile", "pid", "description",
    ]);
    expect(await r.fault("supervisor.getProcessInfo", "web:*")).toBe("10 BAD_NAME: web:*");
    expect(await r.fault("supervisor.getProcessInfo", 5)).toBe("2 INCORRECT_PARAMETERS");
  });

  test("group:* names answer like the group methods; a missing group keeps the caller's name", async () => {
    const r = rig();
    expect(await r.call("supervisor.startProcess", "web:*")).toEqual([
      { name: "web_0", group: "web", status: 80, description: "OK" },
      { name: "web_1", group: "web", status: 80, description: "OK" },
    ]);
    expect(await r.fault("supervisor.stopProcess", "nope:*")).toBe("10 BAD_NAME: nope:*");
    expect(await r.fault("supervisor.stopProcessGroup", "nope")).toBe("10 BAD_NAME: nope");
    expect(await r.call("supervisor.signalProcess", "web:*", "FOO")).toEqual([
      { name: "web_0", group: "web", status: 11, description: "BAD_SIGNAL: FOO" },
      { name: "web_1", group: "web", status: 11, description: "BAD_SIGNAL: FOO" },
    ]);
  });

  test("wait is read with Python's truthiness, defaulting to true", async () => {
    const r = rig();
    await r.call("supervisor.startProcess", "cat");
    await r.call("supervisor.stopProcess", "cat", 0);
    await r.call("supervisor.stopAllProcesses", "");
    await r.call("supervisor.startAllProcesses", [1]);
    expect(r.daemon.calls).toEqual(["startProcess cat true", "stopProcess cat false", "stopAll false", "startAll true"]);
    expect(await r.fault("supervisor.startProcess", "cat")).toBe("60 ALREADY_STARTED: cat");
  });

  test("a start that waits does not hold up other calls", async () => {
    const r = rig();
    let open!: () => void;
    r.daemon.startGate = new Promise((resolve) => (open = resolve));
    const starting = r.call("supervisor.startProcess", "cat", true);
    expect(await r.call("supervisor.getPID")).toBe(4242);
    open();
    expect(await starting).toBe(true);
  });

  test("sendProcessStdin wants text; base64 counts as text, as 4.2.5 decodes it", async () => {
    const r = rig();
    expect(await r.fault("supervisor.sendProcessStdin", "cat", 5)).toBe("2 INCORRECT_PARAMETERS: 5");
    expect(await r.fault("supervisor.sendProcessStdin", "cat", [1, "a", { x: true }])).toBe(
      "2 INCORRECT_PARAMETERS: [1, 'a', {'x': True}]",
    );
    expect(await r.call("supervisor.sendProcessStdin", "cat", new TextEncoder().encode("hi\n"))).toBe(true);
    expect(r.daemon.calls.at(-1)).toBe('sendProcessStdin cat "hi\\n"');
    expect(await r.call("supervisor.sendRemoteCommEvent", 1, null)).toBe(true);
    expect(r.daemon.calls.at(-1)).toBe("sendRemoteCommEvent 1 None");
  });
});

describe("logs", () => {
  const tmp = makeTmpDir("sv-rpc-logs-");
  afterAll(() => tmp.cleanup());

  test("read and tail follow 4.2.5's offset rules; a missing file is NO_FILE or an empty tail", async () => {
    const r = rig();
    const file = join(tmp.dir, "cat.log");
    writeFileSync(file, "0123456789");
    r.daemon.logPaths.set("cat:cat/stdout", file);
    expect(await r.call("supervisor.readProcessStdoutLog", "cat", 2, 3)).toBe("234");
    expect(await r.call("supervisor.readProcessLog", "cat", -4, 0)).toBe("6789");
    expect(await r.call("supervisor.readProcessLog", "cat", "2", 0)).toBe("23456789");
    expect(await r.fault("supervisor.readProcessLog", "cat", -4, 1)).toBe("3 BAD_ARGUMENTS");
    expect(await r.fault("supervisor.readProcessLog", "cat", "abc", 1)).toBe("2 INCORRECT_PARAMETERS");
    expect(await r.call("supervisor.tailProcessStdoutLog", "cat", 0, 4)).toEqual(["6789", 10, true]);
    expect(await r.call("supervisor.tailProcessLog", "cat", 8, 4)).toEqual(["6789", 10, false]);
    expect(await r.fault("supervisor.readProcessStderrLog", "cat", 0, 0)).toBe("20 NO_FILE");
    expect(await r.call("supervisor.tailProcessStderrLog", "cat", 0, 10)).toEqual(["", 0, false]);
    expect(await r.fault("supervisor.tailProcessStderrLog", "nope", 0, 10)).toBe("10 BAD_NAME: nope");
    expect(await r.fault("supervisor.readLog", 0, 0)).toBe("20 NO_FILE");
    r.daemon.mainLog = file;
    expect(await r.call("supervisor.readMainLog", -3, 0)).toBe("789");
  });

  test("clearing", async () => {
    const r = rig();
    expect(await r.call("supervisor.clearProcessLog", "cat")).toBe(true);
    expect(await r.call("supervisor.clearLog")).toBe(true);
    expect(await r.call("supervisor.clearAllProcessLogs")).toHaveLength(3);
  });

  test("/logtail lookups answer null for 404s", () => {
    const r = rig();
    r.daemon.logPaths.set("cat:cat/stdout", "/x");
    expect(r.endpoint.processLogFile("cat", "stdout")).toBe("/x");
    expect(r.endpoint.processLogFile("cat", "other")).toBeNull();
    expect(r.endpoint.processLogFile("nope", "stdout")).toBeNull();
    expect(r.endpoint.mainLogFile()).toBeNull();
  });
});

describe("endpoint", () => {
  test("getAllProcessInfo is reused until a process changes state, and still refused while shutting down", async () => {
    const r = rig();
    const first = (await r.call("supervisor.getAllProcessInfo")) as { statename: string }[];
    r.daemon.infos[0].statename = "RUNNING"; // unseen: no event yet
    expect(await r.call("supervisor.getAllProcessInfo")).toEqual(first);
    expect(r.daemon.calls.filter((c) => c === "allProcessInfo")).toHaveLength(1);
    r.daemon.emit("PROCESS_STATE_RUNNING");
    expect(((await r.call("supervisor.getAllProcessInfo")) as { statename: string }[])[0].statename).toBe("RUNNING");
    r.daemon.mood = "SHUTDOWN";
    expect(await r.fault("supervisor.getAllProcessInfo")).toBe("6 SHUTDOWN_STATE");
  });

  test("an undecodable body is HTTP 400 and logged; an unexpected failure is 500", async () => {
    const r = rig();
    expect(await r.endpoint.handle("<methodCall><params/></methodCall>")).toEqual({ status: 400 });
    expect(r.logged[0]).toStartWith("error XML-RPC request data");
    r.daemon.pid = () => {
      throw new Error("boom");
    };
    expect(await r.endpoint.handle(encodeRequest("supervisor.getPID", []))).toEqual({ status: 500 });
    expect(r.logged[1]).toContain("raised an unexpected exception");
  });
});
