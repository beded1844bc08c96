// Generation timings on real vendor specs (issue 5): `gen-connector <spec>` (init in memory +
// generate: load, bundle, derive, zod, openapi-typescript types, formatting) against openapi-typescript's
// own CLI alone on the same spec, as whole processes in the same run; then `tsc --noEmit` over the
// generated connector. Specs come from ../shared/openapi/ and the case is skipped when one is absent.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { measure, median, medians, repeat, type Row } from "./measure.ts";

export interface GenerationBenchOptions {
  readonly root: string;
  readonly work: string;
  readonly runs: number;
  /** Spec file names under ../shared/openapi/. */
  readonly specs: readonly string[];
}

const node = process.execPath;

/** Runs the generation cases and prints their table; returns nothing (figures go to stdout). */
export async function generationBench(options: GenerationBenchOptions): Promise<void> {
  const { root, work, runs } = options;
  const shared = resolve(root, "../shared/openapi");
  const lines: string[] = [];
  for (const file of options.specs) {
    const spec = join(shared, file);
    if (!existsSync(spec)) {
      process.stderr.write(`generation: ${spec} is absent, skipped\n`);
      continue;
    }
    const name = file.replace(/\.(ya?ml|json)$/, "");
    // Inside the package so the generated code resolves `gen-connector/runtime` for tsc.
    const out = join(root, "tmp", "bench-generation", name);
    mkdirSync(out, { recursive: true });
    process.stderr.write(`generation: ${file}, ${runs} runs each\n`);
    const baseline = await repeat(`openapi-typescript ${file}`, runs, () =>
      measure(node, ["node_modules/openapi-typescript/bin/cli.js", spec, "--output", join(work, `${name}.d.ts`)], {}, root),
    );
    const ours = await repeat(`gen-connector ${file}`, runs, () => measure(node, ["bin/gen-connector.js", spec, "--out", out], {}, root));
    const tsconfig = join(out, "tsconfig.json");
    writeFileSync(tsconfig, JSON.stringify({ extends: "../../../tsconfig.json", include: ["./*.ts"] }));
    const tsc = await repeat(`tsc over generated ${name}`, Math.min(runs, 3), () =>
      measure(node, ["node_modules/typescript/bin/tsc", "--noEmit", "-p", tsconfig], {}, root),
    );
    lines.push(
      row(`openapi-typescript ${file}`, baseline),
      row(`gen-connector ${file} (init + generate)`, ours, baseline),
      row(`tsc --noEmit over generated/${name}`, tsc),
    );
  }
  if (lines.length === 0) return;
  process.stdout.write(`\n| case | median s | ratio to openapi-typescript | peak RSS MB |\n|---|---|---|---|\n${lines.join("\n")}\n`);
}

function row(label: string, measured: Row, baseline?: Row): string {
  const m = medians(measured);
  const ratio = baseline === undefined ? "" : `${(m.seconds / median(baseline.runs.map((r) => r.seconds))).toFixed(2)}×`;
  return `| ${label} | ${m.seconds.toFixed(2)} | ${ratio} | ${m.peakRssMb.toFixed(0)} |`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = resolve(new URL("../", import.meta.url).pathname);
  const work = join(root, "tmp", "bench-generation");
  mkdirSync(work, { recursive: true });
  await generationBench({ root, work, runs: Number(process.env.BENCH_RUNS ?? 3), specs: (process.env.BENCH_SPECS ?? "stripe.yaml,asana.yaml").split(",") });
}
