// Exported identifiers of components: PascalCase words with a `Schema` suffix, the whole pointer outside
// `components/schemas`, and clashes numbered in `$ref` order whatever order they are met in.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { componentIdentifiers, pascalWords } from "../../../generator/emit/component-names.ts";

test("pascalWords keeps inner case, drops what is not a letter or digit, never starts with a digit", () => {
  assert.is(pascalWords("ticket.v2"), "TicketV2");
  assert.is(pascalWords("HTTPError"), "HTTPError");
  assert.is(pascalWords("2fa-code"), "N2faCode");
  assert.is(pascalWords("--"), "Component");
});

test("a schema is named after its name, another component after its kind and name", () => {
  const names = componentIdentifiers(["#/components/schemas/ticket.v2", "#/components/parameters/page"]);
  assert.is(names.get("#/components/schemas/ticket.v2"), "TicketV2Schema");
  assert.is(names.get("#/components/parameters/page"), "ParametersPageSchema");
});

test("clashing names are numbered in $ref order, not in the order given", () => {
  const refs = ["#/components/schemas/ticket_v2", "#/components/schemas/ticket.v2", "#/components/schemas/Ticket-V2"];
  const names = componentIdentifiers(refs);
  assert.equal(names, componentIdentifiers([...refs].reverse()));
  assert.equal(
    [...names.entries()],
    [
      ["#/components/schemas/Ticket-V2", "TicketV2Schema"],
      ["#/components/schemas/ticket.v2", "TicketV2Schema2"],
      ["#/components/schemas/ticket_v2", "TicketV2Schema3"],
    ],
  );
});

test.run();
