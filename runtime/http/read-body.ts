// Reading a response body with a size limit enforced while it streams: a huge page or a compression
// bomb stops after `limit` bytes instead of being buffered whole. The bytes counted are the body as
// fetch hands it over, i.e. after fetch decoded its content-encoding (gzip, deflate, br): what the
// runtime would hold in memory, whatever came over the wire.

export type BodyRead = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly problem: string };

/** The content-encodings fetch decodes (cross-fetch's node-fetch and undici both); anything else arrives as sent. */
const DECODED = /^(gzip|x-gzip|deflate|br)$/i;

/** Reads `response`'s body, refusing it (and cancelling the stream) as soon as it passes `limit` bytes. */
export async function readBody(response: Response, limit: number): Promise<BodyRead> {
  const encoding = (response.headers.get("content-encoding") ?? "").trim();
  const declared = Number(response.headers.get("content-length") ?? NaN);
  // Without a decoded encoding, content-length is the body's size: refuse before reading any of it.
  if (!DECODED.test(encoding) && declared > limit) {
    await cancel(response.body as Body);
    return { ok: false, problem: `the body is ${declared} bytes (content-length), more than the limit of ${limit} bytes` };
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunksOf(response.body as Body)) {
    total += chunk.byteLength;
    if (total > limit) {
      const inflated = DECODED.test(encoding) ? ` once decoded (content-encoding ${encoding.toLowerCase()})` : "";
      return { ok: false, problem: `the body passed the limit of ${limit} bytes${inflated}; stopped reading it` };
    }
    chunks.push(chunk);
  }
  return { ok: true, bytes: concat(chunks, total) };
}

type Body = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null;

/**
 * The body's chunks. A WHATWG stream (undici) is read through its reader, a Node stream (node-fetch,
 * which cross-fetch uses on Node) through its async iterator; leaving the loop early cancels or
 * destroys either, which stops the decompression too.
 */
async function* chunksOf(body: Body): AsyncGenerator<Uint8Array> {
  if (body === null) return;
  if (!("getReader" in body)) {
    yield* body;
    return;
  }
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

async function cancel(body: Body): Promise<void> {
  if (body === null) return;
  if ("getReader" in body) await body.cancel().catch(() => undefined);
  else if ("destroy" in body && typeof body.destroy === "function") (body.destroy as () => void)();
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}
