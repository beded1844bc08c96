// Whether node runs with a V8 flag the user gave, on node's command line (`process.execArgv`) or in
// NODE_OPTIONS: the CLI's own process settings (young-generation.ts, heap-growth.ts) leave those alone.
// V8 takes its flags with dashes or underscores.

/** True when `--<name>` (as `--name=value` or `--name value`) is among `execArgv` or in `nodeOptions`. */
export function nodeFlagGiven(name: string, execArgv: readonly string[], nodeOptions = ""): boolean {
  const flag = new RegExp(`(^|\\s)--${name.replaceAll("-", "[-_]")}(=|\\s|$)`);
  return execArgv.some((arg) => flag.test(arg)) || flag.test(nodeOptions);
}
