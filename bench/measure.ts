// Whole-process measurement: wall time and peak RSS of a child process (via python3's
// getrusage(RUSAGE_CHILDREN), which reports the child's own high-water mark).
import { spawn } from "node:child_process";

export interface Measured {
  readonly seconds: number;
  readonly peakRssMb: number;
  readonly stdout: string;
  readonly stderr: string;
}

const WRAPPER = [
  "import resource, subprocess, sys, time",
  "t = time.perf_counter()",
  "code = subprocess.call(sys.argv[1:])",
  "sys.stderr.write('\\n__measure__ %f %d\\n' % (time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))",
  "sys.exit(code)",
].join("\n");

/** Runs `command args` to completion; rejects when it exits non-zero. */
export function measure(command: string, args: readonly string[], env: Record<string, string> = {}, cwd?: string): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = spawn("python3", ["-c", WRAPPER, command, ...args], { env: { ...process.env, ...env }, cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const match = /__measure__ ([\d.]+) (\d+)\s*$/.exec(stderr);
      if (code !== 0 || !match) return reject(new Error(`${command} ${args.join(" ")} exited ${code}: ${stderr.slice(-2000)}`));
      resolve({ seconds: Number(match[1]), peakRssMb: Number(match[2]) / 1024, stdout, stderr: stderr.slice(0, match.index) });
    });
  });
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
