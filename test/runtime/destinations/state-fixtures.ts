// The state entries the state tests commit (not a test file itself): one merge table and two versions
// of an incremental cursor's state under one key.
import { type Cols, spec } from "./load-fixtures.ts";

export const stateCols: Cols = [
  ["id", "bigint"],
  ["v", "text"],
];
export const stateTable = spec("issues", "merge", ["id"], stateCols);
export const KEY = "resources.issues.incremental.updated_at";
export const v1 = { lastValue: "2024-01-01T00:00:00Z", boundaryKeys: ["[1]", "[2]"], initialValue: null };
export const v2 = { lastValue: "2024-02-01T00:00:00Z", boundaryKeys: ["[3]"], initialValue: null };
