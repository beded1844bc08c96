// Starts the mock API as its own process (so it does not share the measured process) and stops it.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

export interface MockProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts `test/mock-api/cli.ts` with `args` and waits for its URL line. */
export function startMockProcess(root: string, args: readonly string[]): Promise<MockProcess> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "test/mock-api/cli.ts", ...args], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`mock API exited early (${code})`)));
    createInterface({ input: child.stdout! }).once("line", (url) => {
      resolve({
        url: url.trim(),
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners("exit");
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
  });
}
