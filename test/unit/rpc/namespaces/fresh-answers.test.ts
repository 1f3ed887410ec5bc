// getAllProcessInfo's kept answer against the real Supervisor: every state change shows in the very next answer
// (the kept one is dropped on the change's event), and each answer is what encoding the daemon's value gives.
import { expect, test } from "bun:test";
import { encodeRequest, encodeResponse } from "../../../../src/rpc/codec";
import { createRpcEndpoint } from "../../../../src/rpc/namespaces";
import { infoStruct } from "../../../../src/rpc/namespaces/results";
import { Supervisor } from "../../../../src/daemon/supervisor";
import { configWith, programConfig, programGroup } from "../../../support/config-fixtures";
import { FakeChildLogs, FakeClock, FakeKiller, FakeSpawner, RecordingLogger } from "../../../support/fake-platform";

test("a state change is in the next getAllProcessInfo answer, not a second later", async () => {
  const clock = new FakeClock();
  const spawner = new FakeSpawner();
  const config = configWith([
    programGroup("web", 10, [programConfig("web_0", { priority: 10 }), programConfig("web_1", { priority: 10 })]),
    programGroup("late", 20, [programConfig("late", { autostart: false })]),
  ]);
  const sv = new Supervisor(config, {
    clock,
    spawner,
    killer: new FakeKiller(),
    log: new RecordingLogger(),
    ownEnv: { PATH: "/usr/bin" },
    pid: 4242,
    childLogs: (pc) => new FakeChildLogs({ stdout: `/logs/${pc.name}.out`, stderr: null }),
    reread: async () => config,
    mainLog: { path: () => null, clear() {}, reopen() {} },
  });
  // The answer is kept per second of the daemon's wall clock.
  const endpoint = createRpcEndpoint(sv, { error() {}, critical() {}, trace() {} }, () => clock.wall());
  const body = async (method: string, ...params: (string | boolean)[]) => {
    const outcome = await endpoint.handle(encodeRequest(method, params));
    if (outcome.status !== 200) throw new Error(`HTTP ${outcome.status}`);
    return outcome.xml;
  };
  const states = async () => {
    const kept = await body("supervisor.getAllProcessInfo");
    const text = await new Response(kept).text();
    // Encoded from the daemon's value at this instant: the kept answer may not lag behind it.
    expect(text).toBe(encodeResponse(sv.allProcessInfo().map(infoStruct)));
    expect(await body("supervisor.getAllProcessInfo")).toBe(kept); // unchanged: the same kept answer
    return [...text.matchAll(/<name>statename<\/name>\n<value><string>(\w+)/g)].map((m) => m[1]).join(" ");
  };

  sv.start();
  expect(await states()).toBe("STOPPED STARTING STARTING");
  clock.advance(1000);
  expect(await states()).toBe("STOPPED RUNNING RUNNING");
  await body("supervisor.stopProcess", "web:web_1", false);
  expect(await states()).toBe("STOPPED RUNNING STOPPING");
  spawner.children[1]!.exit({ code: null, signal: "SIGTERM" });
  expect(await states()).toBe("STOPPED RUNNING STOPPED");
  spawner.failNext = "EAGAIN";
  await body("supervisor.startProcess", "late", false);
  expect(await states()).toBe("BACKOFF RUNNING STOPPED");
  await body("supervisor.stopProcessGroup", "web", false);
  expect(await states()).toBe("BACKOFF STOPPING STOPPED");
  spawner.children[0]!.exit({ code: null, signal: "SIGTERM" });
  expect(await states()).toBe("BACKOFF STOPPED STOPPED");
  await body("supervisor.removeProcessGroup", "web");
  expect(await states()).toBe("BACKOFF");
  await sv.dispose();
});
