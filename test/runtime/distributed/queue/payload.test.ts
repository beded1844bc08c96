// Partition payloads read back from the queue, the refusal of other generated code, and the rate budget shared per API.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { checkConnector, ConnectorMismatchError, parsePartitionPayload } from "../../../../runtime/distributed/queue/payload.ts";
import { apiGroup, shareRateLimits } from "../../../../runtime/distributed/queue/rate-share.ts";
import { seed } from "../../../e2e/variants.ts";

const payload = { runId: "r1", dataset: "d", connector: "c", codeHash: "abc123", resource: "items", partition: "w0", bounds: { start: "a", end: null } };

test("a payload gen-connector writes reads back; anything else fails naming the field", () => {
  assert.equal(parsePartitionPayload(payload), payload);
  assert.throws(() => parsePartitionPayload({ ...payload, partition: 7 }), /partition job's payload .*partition: /);
  assert.throws(() => parsePartitionPayload({ ...payload, apiKey: "k" }), /Unrecognized key/);
});

test("a worker refuses a job planned for other generated code, naming both hashes", () => {
  checkConnector(payload, "c", "abc123");
  assert.throws(
    () => checkConnector(payload, "c", "def456"),
    (e: unknown) => e instanceof ConnectorMismatchError && /generated code abc123.*generated code def456/.test(e.message),
  );
});

test("the request budget is divided among the partitions one API may run at once: the window stretches", () => {
  const limited = { ...seed, client: { ...seed.client, rateLimit: { requests: 10, perSeconds: 1 } } };
  assert.equal(shareRateLimits(limited, 4).client.rateLimit, { requests: 10, perSeconds: 4 });
  assert.is(shareRateLimits(limited, 1), limited);
  assert.is(shareRateLimits(seed, 4).client.rateLimit, undefined);
  assert.is(apiGroup(seed, "http://127.0.0.1:9/"), "http://127.0.0.1:9/");
  assert.is(apiGroup(seed, undefined), seed.client.baseUrl);
});

test.run();
