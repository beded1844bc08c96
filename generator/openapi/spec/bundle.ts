// Bundling: every `$ref` of the root document and of the files it references becomes a local
// `#/…` ref in one document. An external target under `components/<kind>/<name>` is hoisted into the
// root's components (same name, `_2`, `_3`… on collision); any other external target is inlined.
// Remote refs are refused; broken refs name the target and where they were used.
import { dirname, resolve as resolvePath } from "node:path";
import { SpecError } from "./errors.ts";
import { parsePointer, splitRef, toPointer, valueAt } from "./pointer.ts";

type Json = Record<string, unknown>;

export interface BundleInput {
  /** Absolute path of the root document. */
  readonly rootFile: string;
  readonly root: unknown;
  /** Parses another file (absolute path); throws SpecError. */
  readonly load: (file: string) => unknown;
  /** How to name a file in errors. */
  readonly display: (file: string) => string;
}

interface State extends BundleInput {
  /** `file#pointer` → local ref in the bundle. */
  readonly hoisted: Map<string, string>;
  /** New components by kind, in the order they were met. */
  readonly added: Map<string, Map<string, unknown>>;
  readonly taken: Map<string, Set<string>>;
  /** Root components that are nothing but an external ref: that target keeps their name. */
  readonly claims: Map<string, string>;
  readonly inlining: Set<string>;
  readonly stack: (string | number)[];
}

/** Keywords whose values are data (they may hold a literal "$ref"), unless used as a property name or the default response. */
const LITERAL_KEYS = new Set(["example", "default", "const", "enum"]);
const REMOTE = /^([a-z][a-z0-9+.-]*:|\/\/)/i;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Sets an own property even for `__proto__` (a plain assignment would replace the prototype instead). */
function setOwn(target: Json, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function decodeFile(file: string): string {
  try {
    return decodeURI(file);
  } catch {
    return file;
  }
}

function fail(st: State, file: string, message: string): never {
  throw new SpecError(st.display(file), toPointer(st.stack), message);
}

/** The absolute file and pointer tokens a ref names, checked to exist. */
function target(st: State, ref: string, file: string): { file: string; pointer: string; tokens: string[]; value: unknown } {
  if (REMOTE.test(ref))
    fail(st, file, `remote $ref ${JSON.stringify(ref)} refused: only local files are read (download it and reference it by a relative path)`);
  const parts = splitRef(ref);
  const tokens = parsePointer(parts.pointer);
  if (tokens === undefined) fail(st, file, `$ref ${JSON.stringify(ref)}: ${JSON.stringify(parts.pointer)} is not a JSON pointer (expected "#/components/…")`);
  const targetFile = parts.file === "" ? file : resolvePath(dirname(file), decodeFile(parts.file));
  const doc = targetFile === st.rootFile ? st.root : st.load(targetFile);
  const value = valueAt(doc, tokens);
  if (value === undefined) {
    fail(st, file, `broken $ref ${JSON.stringify(ref)}: ${st.display(targetFile)} has nothing at ${parts.pointer === "" ? "its root" : parts.pointer}`);
  }
  // `%` is escaped so the fragment decodes back to the same tokens.
  return { file: targetFile, pointer: toPointer(tokens).replace(/%/g, "%25"), tokens, value };
}

function uniqueName(st: State, kind: string, name: string, key: string): string {
  if (st.claims.get(`${kind}/${name}`) === key) return name;
  const taken = st.taken.get(kind) ?? new Set<string>();
  st.taken.set(kind, taken);
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = `${name}_${n}`;
  taken.add(candidate);
  return candidate;
}

function refObject(st: State, node: Json, file: string): Json {
  const ref = node.$ref as string;
  const t = target(st, ref, file);
  const rest = copyEntries(st, node, file, ["$ref"]);
  if (t.file === st.rootFile) return { $ref: `#${t.pointer}`, ...rest };
  const key = `${t.file}#${t.pointer}`;
  const known = st.hoisted.get(key);
  if (known !== undefined) return { $ref: known, ...rest };
  const [head, kind, name, ...deeper] = t.tokens;
  if (head === "components" && kind !== undefined && name !== undefined && deeper.length === 0) {
    const local = uniqueName(st, kind, name, key);
    const ref2 = `#${toPointer(["components", kind, local]).replace(/%/g, "%25")}`;
    st.hoisted.set(key, ref2);
    const bucket = st.added.get(kind) ?? new Map<string, unknown>();
    st.added.set(kind, bucket);
    bucket.set(local, null);
    bucket.set(local, walkIn(st, t.value, t.file, t.tokens));
    return { $ref: ref2, ...rest };
  }
  if (st.inlining.has(key))
    fail(st, file, `$ref ${JSON.stringify(ref)} is recursive and not under components/<kind>/<name>: move its target there so it can be bundled`);
  st.inlining.add(key);
  const inlined = walkIn(st, t.value, t.file, t.tokens);
  st.inlining.delete(key);
  return isObject(inlined) ? { ...inlined, ...rest } : (inlined as Json);
}

/** Walks a value of another file; errors there are reported at that file's pointer. */
function walkIn(st: State, value: unknown, file: string, tokens: readonly string[]): unknown {
  const saved = st.stack.splice(0, st.stack.length, ...tokens);
  try {
    return walk(st, value, file);
  } finally {
    st.stack.splice(0, st.stack.length, ...saved);
  }
}

function copyEntries(st: State, node: Json, file: string, skip: readonly string[]): Json {
  const out: Json = {};
  const parentKey = st.stack[st.stack.length - 1];
  for (const [key, child] of Object.entries(node)) {
    if (skip.includes(key)) continue;
    const literal = LITERAL_KEYS.has(key) && parentKey !== "properties" && !(key === "default" && parentKey === "responses");
    st.stack.push(key);
    setOwn(out, key, literal ? child : walk(st, child, file));
    st.stack.pop();
  }
  return out;
}

function walk(st: State, value: unknown, file: string): unknown {
  if (Array.isArray(value)) {
    return value.map((item, i) => {
      st.stack.push(i);
      const out = walk(st, item, file);
      st.stack.pop();
      return out;
    });
  }
  if (!isObject(value)) return value;
  if (typeof value.$ref === "string") return refObject(st, value, file);
  return copyEntries(st, value, file, []);
}

function claims(st: State): void {
  const components = isObject(st.root) ? st.root.components : undefined;
  if (!isObject(components)) return;
  for (const [kind, entries] of Object.entries(components)) {
    if (!isObject(entries)) continue;
    st.taken.set(kind, new Set(Object.keys(entries)));
    for (const [name, entry] of Object.entries(entries)) {
      if (!isObject(entry) || typeof entry.$ref !== "string" || Object.keys(entry).length !== 1 || REMOTE.test(entry.$ref)) continue;
      const parts = splitRef(entry.$ref);
      const tokens = parsePointer(parts.pointer);
      if (parts.file === "" || tokens === undefined) continue;
      const file = resolvePath(dirname(st.rootFile), decodeFile(parts.file));
      if (tokens.length === 3 && tokens[0] === "components" && tokens[1] === kind) st.claims.set(`${kind}/${name}`, `${file}#${toPointer(tokens)}`);
    }
  }
}

/** The root document with every ref local; external files are read through `load`. */
export function bundle(input: BundleInput): Json {
  const st: State = { ...input, hoisted: new Map(), added: new Map(), taken: new Map(), claims: new Map(), inlining: new Set(), stack: [] };
  claims(st);
  const out = walk(st, input.root, input.rootFile) as Json;
  if (st.added.size === 0) return out;
  const components: Json = isObject(out.components) ? { ...out.components } : {};
  for (const [kind, entries] of st.added) {
    const merged: Json = isObject(components[kind]) ? { ...(components[kind] as Json) } : {};
    for (const [name, value] of entries) setOwn(merged, name, value);
    components[kind] = merged;
  }
  return { ...out, components };
}
