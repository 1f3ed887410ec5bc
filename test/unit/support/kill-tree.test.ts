import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { killTree } from "../../support/kill-tree";
import { waitFor } from "../../support/wait";

const gone = (pid: number) => {
  try {
    // a zombie still answers kill(0); it is dead for our purpose
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.startsWith("Z");
  } catch {
    return true;
  }
};

test("killTree kills a process and the grandchildren it started in their own session", async () => {
  // setsid puts the grandchildren out of the shell's process group, as supervisord's programs are
  const proc = Bun.spawn(["sh", "-c", "setsid sleep 300 & setsid sleep 300 & echo ready; wait"], { stdout: "pipe" });
  const reader = proc.stdout.getReader();
  await reader.read();
  const kids = await waitFor("two grandchildren", () => {
    const list = readFileSync(`/proc/${proc.pid}/task/${proc.pid}/children`, "utf8").trim().split(" ").filter(Boolean).map(Number);
    return list.length === 2 ? list : undefined;
  });
  killTree(proc.pid);
  await proc.exited;
  for (const pid of kids) await waitFor(`pid ${pid} gone`, () => gone(pid));
});
