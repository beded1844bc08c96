// The client behind every generated typed client: typed, validated pages and records per resource.
import type { z } from "zod";
import { createAuth } from "../auth/index.ts";
import { IncrementalTracker } from "../incremental/tracker.ts";
import type { BindContext } from "../interpolate/bind.ts";
import { systemClock } from "../http/clock.ts";
import { DEFAULT_CONCURRENCY, Scheduler } from "../schedule/scheduler.ts";
import { Redactor } from "../secrets/redactor.ts";
import { defaultSecretSource } from "../secrets/resolve.ts";
import { bindClientParams, bindEndpointParams } from "../interpolate/params.ts";
import { resolveParams, type ParamValues } from "../interpolate/param-values.ts";
import type { ClientSpec, EndpointSpec } from "../connector.ts";
import type { ClientOptions } from "./options.ts";
import { PageStream } from "./page-stream.ts";
import { validateRecord } from "./validate.ts";

export interface Page<R> {
  /** 1-based page number. */
  readonly number: number;
  readonly records: readonly R[];
  /** The requested URL, secrets redacted. */
  readonly url: string;
}

/** Paged, retrying, authenticated access to a connector's endpoints. */
export class RestClient {
  readonly #spec: ClientSpec;
  readonly #options: ClientOptions;
  /** The run parameters, resolved once (MissingParamError before any request); empty when the spec declares none. */
  readonly #params: ParamValues;
  readonly redactor = new Redactor();
  /** The one scheduler every request of this client goes through. */
  readonly scheduler: Scheduler;

  constructor(spec: ClientSpec, options: ClientOptions = {}) {
    this.#params = spec.params === undefined ? {} : resolveParams(spec.params, options.params ?? {}, options.secrets ?? defaultSecretSource());
    this.#spec = bindClientParams(spec, this.#params);
    this.#options = options;
    this.scheduler = new Scheduler({
      concurrency: options.concurrency ?? this.#spec.concurrency ?? DEFAULT_CONCURRENCY,
      rateLimit: this.#spec.rateLimit,
      clock: options.clock ?? systemClock,
      onWait: options.onWait,
    });
  }

  /** A page stream for one endpoint; secrets are resolved now (MissingSecretError before any request). */
  stream(resource: string, unbound: EndpointSpec): PageStream {
    const endpoint = bindEndpointParams(unbound, this.#params);
    if (endpoint.rateLimit !== undefined) this.scheduler.limitResource(resource, endpoint.rateLimit);
    const authSpec = endpoint.auth ?? this.#spec.auth;
    const secrets = this.#options.secrets ?? defaultSecretSource();
    const auth =
      authSpec === null
        ? null
        : createAuth(authSpec, secrets, this.redactor, {
            fetch: this.#options.fetch,
            clock: this.#options.clock,
            retry: this.#spec.retry,
            timeoutSeconds: this.#spec.timeout,
          });
    return new PageStream({ resource, client: this.#spec, endpoint, auth, redactor: this.redactor, options: this.#options, gate: this.scheduler });
  }

  /**
   * Every page of `endpoint`, each record validated by `schema`; `bind` supplies parent records of a child resource.
   * Outside a sync there is no stored cursor: an incremental endpoint's placeholders take the config's
   * `initial_value`/`end_value`, as a first sync would.
   */
  async *pages<R>(resource: string, unbound: EndpointSpec, schema: z.ZodType<R>, bind: BindContext = {}): AsyncGenerator<Page<R>> {
    const endpoint = bindEndpointParams(unbound, this.#params);
    const values = bind.incremental === undefined && endpoint.incremental ? new IncrementalTracker(endpoint.incremental, [], null).requestValues() : undefined;
    for await (const page of this.stream(resource, unbound).pages(values === undefined ? bind : { ...bind, incremental: values })) {
      const records = page.records.map((record, index) => validateRecord(schema, record, [], { resource, page: page.number, index }));
      yield { number: page.number, records, url: page.url };
    }
  }

  /** Every record of `endpoint`, validated. */
  async *records<R>(resource: string, endpoint: EndpointSpec, schema: z.ZodType<R>, bind: BindContext = {}): AsyncGenerator<R> {
    for await (const page of this.pages(resource, endpoint, schema, bind)) yield* page.records;
  }
}
