// Strings (lengths, patterns), enums (open in lenient mode, closed in strict) and const.
import { suite } from "uvu";
import { cases } from "./support.ts";

const test = suite("openapi zod: strings, patterns, enums");

cases(test, [
  {
    name: "lengths and pattern are not enforced in lenient mode",
    schema: { type: "string", minLength: 2, maxLength: 3, pattern: "^[a-z]+$" },
    expr: "z.string()",
    valid: ["A", "toolong"],
    invalid: [1],
  },
  {
    name: "lengths in strict mode",
    mode: "strict",
    schema: { type: "string", minLength: 2, maxLength: 3 },
    expr: "z.string().min(2).max(3)",
    valid: ["ab", "abc"],
    invalid: ["a", "abcd"],
  },
  {
    name: "pattern as new RegExp(JSON string), slashes and backslashes intact",
    mode: "strict",
    schema: { type: "string", pattern: "^\\d{2}/\\d{2}$" },
    expr: 'z.string().regex(new RegExp("^\\\\d{2}/\\\\d{2}$"))',
    valid: ["12/34"],
    invalid: ["12-34", "1/2"],
  },
  {
    name: "an invalid pattern is left out with a warning (it would throw at import)",
    mode: "strict",
    schema: { type: "string", pattern: "([a-z" },
    expr: "z.string()",
    valid: ["x"],
    warnings: ['#/pattern: not a valid ECMAScript regular expression, not enforced: "([a-z"'],
  },
  {
    name: "negative lengths and non-integers are ignored",
    mode: "strict",
    schema: { type: "string", minLength: -1, maxLength: 2.5 },
    expr: "z.string()",
    valid: ["abcdef"],
  },
  {
    name: "string enum: open in lenient mode (known values kept as a hint)",
    schema: { type: "string", enum: ["open", "closed"] },
    expr: 'z.union([z.enum(["open", "closed"]), z.string()])',
    valid: ["open", "archived"],
    invalid: [1, null],
  },
  {
    name: "string enum: closed in strict mode",
    mode: "strict",
    schema: { type: "string", enum: ["open", "closed"] },
    expr: 'z.enum(["open", "closed"])',
    valid: ["closed"],
    invalid: ["archived"],
  },
  {
    name: "integer enum: open to any integer in lenient mode",
    schema: { type: "integer", enum: [1, 2, 3] },
    expr: "z.union([z.literal([1, 2, 3]), z.int()])",
    valid: [2, 7],
    invalid: ["2", 1.5],
  },
  {
    name: "mixed enum: literals (never z.never)",
    mode: "strict",
    schema: { enum: ["a", 1, true] },
    expr: 'z.literal(["a", 1, true])',
    valid: ["a", 1, true],
    invalid: ["b", 2, false],
  },
  {
    name: "duplicates collapse; a single value is a tag, closed in both modes",
    schema: { type: "string", enum: ["only", "only"] },
    expr: 'z.literal("only")',
    valid: ["only"],
    invalid: ["other"],
  },
  {
    name: "const",
    schema: { const: 42 },
    expr: "z.literal(42)",
    valid: [42],
    invalid: [43, "42"],
  },
  {
    name: "const null",
    schema: { const: null },
    expr: "z.null()",
    valid: [null],
    invalid: [0],
  },
  {
    name: "object-valued enum: not checkable, falls back to the type with a warning",
    schema: { type: "object", enum: [{ a: 1 }] },
    expr: "z.record(z.string(), z.unknown())",
    valid: [{ b: 2 }],
    warnings: ["#/enum: only string, number and boolean values are checked"],
  },
]);

test.run();
