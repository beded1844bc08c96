// OpenAPI spec loading: `loadSpec(path)` → a bundled document whose refs are all local, plus helpers
// to follow refs and walk operations. Every problem is a SpecError (a ConfigError: exit 2).
export { SpecError } from "./errors.ts";
export { loadSpec, type LoadedSpec, type LoadOptions, type OpenApiDocument } from "./load.ts";
export { deref, derefOrUndefined, resolveRef } from "./resolve.ts";
export { HTTP_METHODS, operations, type HttpMethod, type JsonObject, type Operation, type Parameter } from "./operations.ts";
export { successResponse, type SuccessResponse } from "./responses.ts";
export { escapeToken, parsePointer, splitRef, toPointer, valueAt } from "./pointer.ts";
