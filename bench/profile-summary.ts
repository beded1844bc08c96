// Summarizes a V8 CPU profile (`node --cpu-prof`): self time per function and per source file, top first.
// Usage: tsx bench/profile-summary.ts <file.cpuprofile> [top=25]
import { readFileSync } from "node:fs";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Milliseconds of self time per key, sorted descending. */
function selfTime(profile: Profile, keyOf: (node: ProfileNode) => string): [string, number][] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (node === undefined) return;
    const key = keyOf(node);
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...totals].sort((a, b) => b[1] - a[1]);
}

/** Milliseconds of total (inclusive) time per function, sorted descending. */
function inclusiveTime(profile: Profile, keyOf: (node: ProfileNode) => string): [string, number][] {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>(); // a recursive function counts once per sample
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (node === undefined) break;
      const key = keyOf(node);
      if (seen.has(key)) continue;
      seen.add(key);
      totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    }
  });
  return [...totals].sort((a, b) => b[1] - a[1]);
}

const shortUrl = (url: string) => url.replace(/^file:\/\/.*?\/(runtime|bench|node_modules|generated|test)\//, "$1/").replace(/^node:/, "node:");
const fn = (n: ProfileNode) => `${n.callFrame.functionName || "(anonymous)"} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
const file = (n: ProfileNode) => shortUrl(n.callFrame.url) || `(${n.callFrame.functionName})`;

const [path, topArg] = process.argv.slice(2);
if (path === undefined) {
  process.stderr.write("usage: tsx bench/profile-summary.ts <file.cpuprofile> [top=25]\n");
  process.exit(2);
}
const top = Number(topArg ?? 25);
process.stdout.on("error", () => process.exit(0)); // piped into `head`
const profile = JSON.parse(readFileSync(path, "utf8")) as Profile;
const total = profile.timeDeltas.reduce((a, b) => a + b, 0) / 1000;
const table = (title: string, rows: [string, number][]) =>
  `${title}\n${rows
    .slice(0, top)
    .map(([k, ms]) => `${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${k}`)
    .join("\n")}\n`;
process.stdout.write(`total ${total.toFixed(0)} ms sampled\n\n`);
process.stdout.write(table("self time by function", selfTime(profile, fn)));
process.stdout.write(`\n${table("self time by file", selfTime(profile, file))}`);
process.stdout.write(`\n${table("inclusive time by function", inclusiveTime(profile, fn))}`);
