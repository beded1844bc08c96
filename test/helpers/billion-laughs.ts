// A "billion laughs" YAML document, built in the test: 1 KB whose nine alias levels expand to ~10^9 nodes.

/** `head` followed by an `x-lol` map whose nine alias levels expand to ~10^9 nodes. */
export function billionLaughs(head: string): string {
  let yaml = `${head}x-lol:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n`;
  for (let i = 1; i <= 9; i++) yaml += `  a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(", ")}]\n`;
  return yaml;
}
