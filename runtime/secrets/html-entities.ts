// The HTML named character references a server may use for the characters of a secret: every
// ASCII punctuation mark has one in HTML5, and escaping libraries use them (`&sol;`, `&equals;`).

/** Entity name (case-sensitive, without `&` and `;`) → the character it stands for. */
export const NAMED_ENTITIES: ReadonlyMap<string, string> = new Map([
  ["amp", "&"], ["AMP", "&"], ["lt", "<"], ["LT", "<"], ["gt", ">"], ["GT", ">"],
  ["quot", '"'], ["QUOT", '"'], ["apos", "'"], ["sol", "/"], ["bsol", "\\"], ["plus", "+"],
  ["equals", "="], ["colon", ":"], ["semi", ";"], ["comma", ","], ["period", "."], ["excl", "!"],
  ["quest", "?"], ["num", "#"], ["dollar", "$"], ["percnt", "%"], ["lpar", "("], ["rpar", ")"],
  ["ast", "*"], ["midast", "*"], ["commat", "@"], ["lsqb", "["], ["lbrack", "["], ["rsqb", "]"],
  ["rbrack", "]"], ["lcub", "{"], ["lbrace", "{"], ["rcub", "}"], ["rbrace", "}"], ["lowbar", "_"],
  ["UnderBar", "_"], ["grave", "`"], ["DiacriticalGrave", "`"], ["verbar", "|"], ["vert", "|"],
  ["VerticalLine", "|"], ["Hat", "^"], ["Tab", "\t"], ["NewLine", "\n"],
  ["nbsp", "\u00a0"], ["NonBreakingSpace", "\u00a0"],
]);

/** The names browsers also accept without the closing `;`. */
export const LEGACY_ENTITIES: ReadonlySet<string> = new Set(["amp", "AMP", "lt", "LT", "gt", "GT", "quot", "QUOT"]);
