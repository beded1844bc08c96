// The config file text init writes: JSON, or YAML with the editors' `$schema` comments, and the
// checks that tell whether a YAML rewrite would drop the user's comments.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { configText, hasYamlSchemaComment, laterCommentLine, leadingComments, yamlSchemaComments } from "../../../generator/init/index.ts";
import { parseYaml } from "../../../generator/parse-text.ts";

const config = {
  $comment: "notes: with a colon",
  name: "t",
  client: { base_url: "https://api.example.com" },
  resources: [{ name: "a", endpoint: { path: "/a/{resources.b.id}", params: { since: "2024-01-01", limit: "100", flag: "yes", hash: "#x" } } }],
};

test("YAML text: the schema comments first, then data that parses back to the same config", () => {
  const text = configText(config, "c.yaml", yamlSchemaComments("./node_modules/gen-connector/generated/config.schema.json"));
  assert.ok(text.startsWith("# yaml-language-server: $schema=./node_modules/gen-connector/generated/config.schema.json\n# $schema: ./node_modules/"), text);
  assert.equal(parseYaml(text, "c.yaml"), config);
  assert.ok(hasYamlSchemaComment(text));
  assert.is(laterCommentLine(text), undefined);
});

test("JSON text for .json (and any other) names", () => {
  assert.is(configText(config, "c.json"), `${JSON.stringify(config, null, 2)}\n`);
});

test("leading comments are the header; a later # comment is found, one in quotes is not", () => {
  const text = "# owned by data\n\n# yaml-language-server: $schema=x.json\nname: t # the name\nclient: {base_url: 'https://a#b'}\n";
  assert.equal(leadingComments(text), ["# owned by data", "", "# yaml-language-server: $schema=x.json"]);
  assert.is(laterCommentLine(text), 4);
  assert.is(laterCommentLine("name: t\npath: '/a #b'\nother: \"x # y\"\nurl: a#b\n"), undefined);
  assert.is(laterCommentLine("name: t\n  # indented note\n"), 2);
  assert.not.ok(hasYamlSchemaComment("name: t\n# yaml-language-server: $schema=x.json\n"), "only the leading block counts");
  assert.ok(hasYamlSchemaComment("# $schema: ./x.json\nname: t\n"));
});

test.run();
