#!/usr/bin/env node
// Entry point: registers tsx so the TypeScript CLI, runtime and generated connectors run as is.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../generator/cli.ts");
process.exitCode = await main(process.argv.slice(2));
