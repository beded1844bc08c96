// uvu's closing totals read back from a test process's output (colours stripped); null when it printed none.
export interface Totals {
  readonly total: number;
  readonly passed: number;
  readonly skipped: number;
}

export function readTotals(output: string): Totals | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: uvu colours its totals with ANSI escapes.
  const plain = output.replace(/\x1b\[[0-9;]*m/g, "");
  const last = (label: string): number | null => {
    const found = [...plain.matchAll(new RegExp(`^\\s*${label}:\\s*(\\d+)\\s*$`, "gm"))].at(-1);
    return found?.[1] === undefined ? null : Number(found[1]);
  };
  const total = last("Total");
  const passed = last("Passed");
  if (total === null || passed === null) return null;
  return { total, passed, skipped: last("Skipped") ?? 0 };
}
