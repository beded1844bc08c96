// Where a paginator keeps one value of a request: a query param or a dot path in the JSON body.
import { withParam, type PageRequest } from "../http/request.ts";
import { parseBodyPath, readBodyValue, writeBodyValue } from "./body-path.ts";

/** One value a paginator writes into requests and reads back from them. */
export interface Slot {
  /** e.g. "`offset` query param" or "`paging.offset` body path", for messages. */
  readonly label: string;
  /** The value in `request` (query params as strings, body values as stored); undefined when absent. */
  read(request: PageRequest): unknown;
  /** A copy of `request` holding `value` (a string in the query, as given in the body). */
  write(request: PageRequest, value: string | number): PageRequest;
}

/** The body path `bodyPath` when set (ConfigError when malformed), else the query param `param`. */
export function createSlot(who: string, option: string, param: string, bodyPath: string | null | undefined): Slot {
  if (bodyPath === null || bodyPath === undefined) {
    return {
      label: `\`${param}\` query param`,
      read: (request) => request.url.searchParams.get(param) ?? undefined,
      write: (request, value) => withParam(request, param, String(value)),
    };
  }
  const at = parseBodyPath(who, option, bodyPath);
  return {
    label: `\`${bodyPath}\` body path`,
    read: (request) => readBodyValue(request, at),
    write: (request, value) => writeBodyValue(request, at, value),
  };
}
