// Whole-process measurement: wall time and peak RSS of a child process (via python3's
// getrusage(RUSAGE_CHILDREN), which reports the child's own high-water mark).
import { spawn } from "node:child_process";

export interface Measured {
  readonly seconds: number;
  readonly peakRssMb: number;
  /** User + system CPU seconds of the child (more than `seconds` when it runs threads; less when it waits). */
  readonly cpuSeconds: number;
  readonly stdout: string;
  readonly stderr: string;
}

const WRAPPER = [
  "import resource, subprocess, sys, time",
  "t = time.perf_counter()",
  "code = subprocess.call(sys.argv[1:])",
  "u = resource.getrusage(resource.RUSAGE_CHILDREN)",
  "sys.stderr.write('\\n__measure__ %f %d %f\\n' % (time.perf_counter() - t, u.ru_maxrss, u.ru_utime + u.ru_stime))",
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
      const match = /__measure__ ([\d.]+) (\d+) ([\d.]+)\s*$/.exec(stderr);
      if (code !== 0 || !match) return reject(new Error(`${command} ${args.join(" ")} exited ${code}: ${stderr.slice(-2000)}`));
      resolve({ seconds: Number(match[1]), peakRssMb: Number(match[2]) / 1024, cpuSeconds: Number(match[3]), stdout, stderr: stderr.slice(0, match.index) });
    });
  });
}

/** Runs `runOnce` `runs` times in a row, printing each run's figures on stderr. */
export async function repeat(name: string, runs: number, runOnce: (i: number) => Promise<Measured>): Promise<Row> {
  const done: Measured[] = [];
  for (let i = 0; i < runs; i++) {
    done.push(await runOnce(i));
    process.stderr.write(
      `  ${name} run ${i + 1}/${runs}: ${done[i]!.seconds.toFixed(2)} s (CPU ${done[i]!.cpuSeconds.toFixed(2)} s), ${done[i]!.peakRssMb.toFixed(0)} MB\n`,
    );
  }
  return { name, runs: done };
}

/** A case's name and its measured runs. */
export interface Row {
  readonly name: string;
  readonly runs: readonly Measured[];
}

/** Median seconds, peak RSS and CPU seconds of a case's runs. */
export function medians(row: Row): { seconds: number; peakRssMb: number; cpuSeconds: number } {
  return {
    seconds: median(row.runs.map((r) => r.seconds)),
    peakRssMb: median(row.runs.map((r) => r.peakRssMb)),
    cpuSeconds: median(row.runs.map((r) => r.cpuSeconds)),
  };
}

/** The run whose seconds are the median (the lower middle one for an even count), e.g. to show its details. */
export function medianRun(row: Row): Measured {
  const sorted = [...row.runs].sort((a, b) => a.seconds - b.seconds);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
