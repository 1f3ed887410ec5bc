// The exec-as step of a user= child: its command line, and (as root) what the program ends up as.
import { expect, test } from "bun:test";
import { execAsArgs, parseExecAs } from "../../../src/platform/exec-as";
import { BunSpawner, type ChildExit } from "../../../src/platform/spawner";
import { groupsOf, lookupUser } from "../../../src/platform/users";
import { waitFor } from "../../support/wait";
import { textOf } from "../../support/child-output";

test("the command line carries the plan, with none for an unset directory or umask", () => {
  const plan = { uid: 65534, cwd: "/srv/a b", umask: 0o27, filename: "/bin/echo", argv: ["echo", "-n", ""] };
  const words = execAsArgs(plan);
  expect(words[0]).toBe("--exec-as");
  expect(parseExecAs(words.slice(1))).toEqual(plan);
  const bare = { uid: 0, cwd: null, umask: null, filename: "/bin/true", argv: ["true"] };
  expect(parseExecAs(execAsArgs(bare).slice(1))).toEqual(bare);
  expect(() => parseExecAs(["nobody", "", "", "/bin/true", "true"])).toThrow("usage: supervisord --exec-as");
  expect(() => parseExecAs(["1", "", "9", "/bin/true", "true"])).toThrow("usage:");
  expect(() => parseExecAs(["1", "", "", "/bin/true"])).toThrow("usage:");
});

test("a user's groups are its primary group first, then each group that lists it", () => {
  const root = lookupUser("root")!;
  expect(groupsOf(root)[0]).toBe(root.gid);
  expect(groupsOf({ name: "no-such-user-anywhere", uid: 4242, gid: 4242, home: "/", shell: "/bin/sh" })).toEqual([4242]);
});

test.skipIf(process.getuid?.() !== 0)("as root, user= runs the program itself (same pid) as the user with its groups", async () => {
  const nobody = lookupUser("nobody")!;
  let exit: ChildExit | null = null;
  const spawner = new BunSpawner();
  const child = spawner.spawn(
    {
      command: { filename: "/bin/sh", argv: ["sh", "-c", "echo $$; id -u; id -G; umask; pwd"] },
      env: { PATH: "/usr/bin:/bin" },
      cwd: "/",
      umask: 0o27,
      uid: nobody.uid,
    },
    (e) => (exit = e),
  );
  const [out, err] = await Promise.all([textOf(child.stdout), textOf(child.stderr)]);
  expect(err).toBe("");
  const [pid, uid, groups, umask, cwd] = out.split("\n");
  expect([Number(pid), Number(uid), umask, cwd]).toEqual([child.pid, nobody.uid, "0027", "/"]);
  expect(new Set(groups!.split(" ").map(Number))).toEqual(new Set(groupsOf(nobody)));
  expect(await waitFor("the exit", () => exit)).toEqual({ code: 0, signal: null });
});
