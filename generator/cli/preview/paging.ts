// What paging and record selection decided for each page, and why, in words: the paginator and data
// selector (configured or detected, with the evidence), each page's next request (the parameters that
// changed) or the values its paginator stopped on.
import { parseJson } from "../../../runtime/json/parse.ts";
import { stringifyJson } from "../../../runtime/json/stringify.ts";
import { getPath } from "../../../runtime/select/jsonpath.ts";
import type { EndpointSpec } from "../../../runtime/connector.ts";
import type { Exchange } from "../../../runtime/fixtures/exchange.ts";
import type { PreviewSequence, ResourcePreview } from "../../../runtime/preview/run-preview.ts";
import { asConfig } from "../../../runtime/stream/auto-detect.ts";

type Spec = EndpointSpec["paginator"];

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** `offset: limit=100, total_path=total` (keys as the config writes them; unset ones left out). */
export function paginatorText(spec: Spec): string {
  if (spec.type === "custom" || spec.type === "auto") return spec.type === "auto" ? "auto" : "custom ($hook)";
  const settings = Object.entries(spec)
    .filter(([key, value]) => key !== "type" && value !== null && value !== undefined)
    .map(([key, value]) => `${snake(key)}=${typeof value === "string" ? value : stringifyJson(value)}`);
  return settings.length === 0 ? spec.type : `${spec.type}: ${settings.join(", ")}`;
}

/** The paginator and data selector lines of a resource: configured, or detected with the reasons (and how to pin it). */
export function decisionLines(preview: ResourcePreview): string[] {
  const { endpoint } = preview.resource;
  const detected = preview.detected;
  const paginator = detected?.paginator ?? endpoint.paginator;
  const fromConfig = endpoint.paginator.type !== "auto";
  const lines = [
    `paginator: ${paginatorText(paginator)} (${fromConfig ? "configured" : detected === undefined ? "to be detected from the first response" : "detected"})`,
    `data_selector: ${endpoint.dataSelector === null ? (detected === undefined ? "(to be detected from the first response)" : `${detected.dataSelector} (detected)`) : `${endpoint.dataSelector} (configured)`}`,
  ];
  if (detected !== undefined && detected.reasons.length > 0) {
    lines.push(`${detected.confident ? "detected" : "WARNING: guessed (verify and pin it)"}: ${detected.reasons.join("; ")}`);
    lines.push(`pin it in the config: "endpoint": ${JSON.stringify(asConfig(detected))}`);
  }
  return lines;
}

function body(exchange: Exchange): unknown {
  const text = exchange.response?.body ?? "";
  const parsed = parseJson(text, text.length);
  return parsed.ok ? parsed.value : undefined;
}

/** The query parameters (and body) of `next` that differ from `current`'s. */
function changed(current: Exchange, next: Exchange): string {
  const a = new URL(current.request.url).searchParams;
  const b = new URL(next.request.url).searchParams;
  const params = [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).map((k) => `${k}=${b.get(k) ?? "(removed)"}`);
  if (current.request.url.split("?")[0] !== next.request.url.split("?")[0]) params.unshift(`url ${next.request.url}`);
  if (current.request.body !== next.request.body && next.request.body !== null) params.push(`body ${next.request.body}`);
  return params.length === 0 ? "the same request" : params.join(", ");
}

/** The response values the paginator reads (its *_path fields in the body, its header or link), as evidence of a stop. */
function stopFacts(spec: Spec, exchange: Exchange): string {
  const facts: string[] = [];
  const parsed = body(exchange);
  for (const [key, value] of Object.entries(spec)) {
    if (typeof value !== "string" || key.endsWith("BodyPath")) continue;
    if (key.endsWith("Path")) facts.push(`${value} = ${stringifyJson(getPath(parsed, value)) ?? "(absent)"}`);
    else if (key === "cursorKey") facts.push(`header ${value}: ${exchange.response?.headers[value.toLowerCase()] ?? "(absent)"}`);
    else if (key === "linksNextKey")
      facts.push(`Link header rel=${value}: ${/rel="?next/.test(exchange.response?.headers.link ?? "") ? "present" : "(absent)"}`);
  }
  return facts.length === 0 ? "the paginator has nothing more to request" : facts.join(", ");
}

/** One note per page of `sequence`: what came next and why it stopped. */
export function pageNotes(preview: ResourcePreview, sequence: PreviewSequence, paginator: Spec): Map<number, string> {
  const notes = new Map<number, string>();
  sequence.pages.forEach((page, i) => {
    const exchange = preview.exchanges[page.exchange];
    if (exchange === undefined) return;
    const following = sequence.pages[i + 1];
    // A sequence a failure ended: its next request is the exchange that failed.
    const next = preview.exchanges[following?.exchange ?? (sequence.end === "open" ? page.exchange + 1 : -1)];
    let note: string;
    if (next !== undefined) note = `next: ${changed(exchange, next)}`;
    else if (sequence.end === "paginator") note = `last page: ${stopFacts(paginator, exchange)}`;
    else if (sequence.end === "max-pages") note = "stopped by --max-pages (more pages may follow)";
    else if (sequence.end === "max-records") note = "stopped by --max-records";
    else note = "";
    notes.set(page.exchange, `${page.records} record${page.records === 1 ? "" : "s"}${note === "" ? "" : `; ${note}`}`);
  });
  return notes;
}
