// Shared helpers of the conformance suite (not a test file): configs → connectors, syncs against the
// mock API, scripted responses, config issues and expected failures.
import { z } from "zod";
import { loadModel } from "../../generator/input/from-text.ts";
import type { ConnectorModel, StepModel } from "../../generator/model/model.ts";
import { RestClient } from "../../runtime/stream/rest-client.ts";
import type { ClientOptions } from "../../runtime/stream/options.ts";
import { ConfigError } from "../../runtime/errors.ts";
import type { ConnectorSpec, ProcessingStep } from "../../runtime/connector.ts";
import { runSync, type SyncOptions } from "../../runtime/sync/run-sync.ts";
import type { SyncSummary } from "../../runtime/sync/summary.ts";
import { fakeClock } from "../helpers/fake-clock.ts";
import type { Fault, FaultMatch, MockApi } from "../mock-api/server.ts";

/** A config as a plain JSON value (what a user writes in the config file). */
export type Config = Record<string, unknown>;

/** The model of a config (throws ConfigError like the CLI would). */
export function modelOf(config: Config): ConnectorModel {
  return loadModel(JSON.stringify(config), "conformance.json");
}

type AnyRecord = Record<string, unknown>;

/** Functions standing in for `{"$hook": "./module.ts#name"}` references, by export name. */
export type Hooks = Readonly<Record<string, (record: AnyRecord) => unknown>>;

/** A step as the generated connector builds it: declarative forms as data, hooks as functions. */
function stepOf(step: StepModel, hooks: Hooks): ProcessingStep {
  if (!("hook" in step)) return "condition" in step ? { filter: step.condition } : { map: step.rewrite };
  const fn = hooks[step.hook.name];
  if (fn === undefined) throw new Error(`no test hook named ${step.hook.name}`);
  // The hook's signature depends on the step kind, exactly as the generated code trusts the user's module.
  if (step.kind === "filter") return { filter: (r) => fn(r) === true };
  if (step.kind === "map") return { map: (r) => fn(r) as AnyRecord };
  return { yield_map: (r) => fn(r) as Iterable<AnyRecord> };
}

/** The connector a config generates, as plain data; records pass through an open schema. */
export function connectorOf(config: Config, hooks: Hooks = {}): ConnectorSpec {
  const model = modelOf(config);
  return {
    name: model.name,
    client: model.client,
    resources: model.resources.map((r) => ({
      name: r.name,
      endpoint: r.endpoint,
      table: r.table,
      schema: z.looseObject({}),
      primaryKey: r.primaryKey,
      selected: r.selected,
      parent: r.parent,
      parallelized: r.parallelized,
      processingSteps: r.processingSteps.map((s) => stepOf(s, hooks)),
    })),
  };
}

/** Every page of the config's first resource through the runtime client (no destination): records per page. */
export async function pagesOf(config: Config, options: Partial<ClientOptions> = {}): Promise<unknown[][]> {
  const model = modelOf(config);
  const resource = model.resources[0];
  if (resource === undefined) throw new Error("the config has no resource");
  // One request at a time, as dlt sends them: parallel pages (our addition) would send a lying total's
  // pages ahead, and these cases compare the exact requests.
  const client = new RestClient(model.client, { secrets: SECRETS, clock: fakeClock(), concurrency: 1, ...options });
  const pages: unknown[][] = [];
  for await (const page of client.pages(resource.name, resource.endpoint, z.looseObject({}))) pages.push([...page.records]);
  return pages;
}

/** The config's problems as `path: message` lines; fails the test when the config is accepted. */
export function issuesOf(config: Config): string[] {
  try {
    modelOf(config);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  throw new Error("expected a ConfigError, but the config was accepted");
}

/** The error `run` rejects with; fails the test when it resolves. */
export async function failure(run: Promise<unknown>): Promise<Error> {
  try {
    await run;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-Error: ${String(error)}`);
  }
  throw new Error("expected a failure, but it succeeded");
}

/** Secrets the suite's configs refer to; never read from the real environment. */
export const SECRETS = {
  env: { API_KEY: "key-1", TOKEN: "tok-1", USERNAME: "user", PASSWORD: "pw-1", CLIENT_ID: "cid", CLIENT_SECRET: "csecret" },
  dotenv: {},
};

/** Runs a sync into `duckdb:<db>` with the suite's secrets and a fake clock (override any option). */
export function syncTo(connector: ConnectorSpec, db: string, extra: Partial<SyncOptions> = {}): Promise<SyncSummary> {
  return runSync(connector, { destination: `duckdb:${db}`, secrets: SECRETS, clock: fakeClock(), ...extra });
}

/** A scripted JSON response for requests matching `when` (faults are the mock's way to serve any body). */
export interface Scripted {
  readonly when: FaultMatch;
  readonly status?: number;
  readonly body?: unknown;
  /** Raw body text; wins over `body`. */
  readonly text?: string;
  readonly headers?: Record<string, string>;
}

/** Makes the mock answer matching requests with the scripted responses (first match wins, any number of times). */
export function script(api: MockApi, responses: readonly Scripted[]): void {
  const faults: Fault[] = responses.map((r) => ({
    when: r.when,
    times: 1_000,
    response: {
      status: r.status ?? 200,
      ...(r.headers === undefined ? {} : { headers: r.headers }),
      body: r.text ?? JSON.stringify(r.body ?? null),
    },
  }));
  api.setOptions({ faults });
}

/** `n` small records with ids `from`, `from + 1`, … */
export function rows(n: number, from = 1): { id: number; name: string }[] {
  return Array.from({ length: n }, (_, i) => ({ id: from + i, name: `row ${from + i}` }));
}

/** `actual` reduced to the keys of `expected` (specs may grow fields a dlt scenario says nothing about). */
export function only<T extends object>(actual: T | null | undefined, expected: Partial<T>): Partial<T> | null | undefined {
  if (actual === null || actual === undefined) return actual;
  const source = actual as Record<string, unknown>;
  return Object.fromEntries(Object.keys(expected).map((key) => [key, source[key]])) as Partial<T>;
}
