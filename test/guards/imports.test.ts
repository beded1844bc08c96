// The import rules of .dependency-cruiser.mjs over generator/, runtime/, bin/, bench/ and test/: folders import only
// down the layer tables, runtime/ never imports generator/, no cycle outside the allowed ones, the runtime uses its
// own dependencies only. The known exceptions listed there must still occur, so those lists only shrink.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { test } from "uvu";
import * as assert from "uvu/assert";

const root = new URL("../../", import.meta.url);

interface Dependency {
  readonly resolved: string;
  readonly circular: boolean;
  readonly cycle?: readonly { readonly name: string }[];
}
interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string };
  readonly cycle?: readonly { readonly name: string }[];
}
interface Cruise {
  readonly modules: readonly { readonly source: string; readonly dependencies: readonly Dependency[] }[];
  readonly summary: { readonly violations: readonly Violation[] };
}
interface Rules {
  readonly KNOWN_UPWARD: readonly (readonly [string, string, string])[];
  readonly CYCLES: readonly (readonly [string, string])[];
  readonly exact: (pattern: string) => string;
}

const args = [
  "node_modules/dependency-cruiser/bin/dependency-cruise.mjs",
  "--config",
  ".dependency-cruiser.mjs",
  "--output-type",
  "json",
  "generator",
  "runtime",
  "bin",
  "bench",
  "test",
];
// dependency-cruiser exits non-zero when it finds violations; its JSON report is on stdout either way.
const cruise: Cruise = await promisify(execFile)(process.execPath, args, { cwd: root, maxBuffer: 64 * 1024 * 1024 }).then(
  ({ stdout }) => JSON.parse(stdout) as Cruise,
  (error: { stdout?: string; stderr?: string }) => {
    if (error.stdout?.startsWith("{")) return JSON.parse(error.stdout) as Cruise;
    throw new Error(`dependency-cruiser failed: ${error.stderr ?? String(error)}`);
  },
);
const rules = (await import(new URL(".dependency-cruiser.mjs", root).href)) as Rules;

function describe(v: Violation): string {
  const cycle = v.cycle === undefined ? "" : ` (cycle: ${[v.from, ...v.cycle.map((c) => c.name)].join(" → ")})`;
  return `${v.rule.name}: ${v.from} → ${v.to}${cycle}`;
}

test("no import breaks the rules (the layer tables, cycles and packages: .dependency-cruiser.mjs)", () => {
  assert.equal(cruise.summary.violations.map(describe), []);
});

test("every known upward import still occurs (remove the ones that no longer do)", () => {
  const stale = rules.KNOWN_UPWARD.filter(([from, to]) => {
    const [f, t] = [new RegExp(rules.exact(from)), new RegExp(rules.exact(to))];
    return !cruise.modules.some((m) => f.test(m.source) && m.dependencies.some((d) => t.test(d.resolved)));
  });
  assert.equal(stale, []);
});

test("every allowed cycle still occurs (remove the ones that no longer do)", () => {
  const inCycles = new Set(cruise.modules.flatMap((m) => m.dependencies.flatMap((d) => (d.circular ? [m.source, ...(d.cycle ?? []).map((c) => c.name)] : []))));
  const stale = rules.CYCLES.filter(([files]) => {
    const pattern = new RegExp(rules.exact(files));
    return ![...inCycles].some((name) => pattern.test(name));
  });
  assert.equal(stale, []);
});

test.run();
