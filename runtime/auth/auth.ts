// The auth interface: adds credentials to a request.
import type { PageRequest } from "../http/request.ts";

export interface Auth {
  apply(request: PageRequest): PageRequest;
}
