// A tiny terminal for progress tests: applies text and the ANSI sequences log-update writes (cursor up,
// down, to column 1, erase line, erase to end of line; synchronized output and cursor visibility are
// ignored) and shows the screen as lines, so a test asserts what a person would see.
import { Writable } from "node:stream";

const ESC = "\u001B";

export interface FakeTerminal {
  /** The stream to hand to a reporter: a TTY of `columns` × `rows`. */
  readonly stream: Writable & { isTTY: true; columns: number; rows: number };
  /** Everything written, escapes included. */
  raw(): string;
  /** The screen's lines, trailing empty lines dropped. */
  screen(): string[];
}

export function fakeTerminal(columns = 100, rows = 30): FakeTerminal {
  let raw = "";
  const lines: string[] = [""];
  let row = 0;
  let col = 0;
  const put = (ch: string) => {
    const line = lines[row] ?? "";
    lines[row] = line.padEnd(col).slice(0, col) + ch + line.slice(col + 1);
    col++;
  };
  const apply = (text: string) => {
    // ESC as a string escape (a control character inside a regex literal is what Biome refuses).
    const pattern = new RegExp(`${ESC}\\[(\\??)(\\d*)([A-Za-z])|([^${ESC}])`, "g");
    for (const m of text.matchAll(pattern)) {
      if (m[4] !== undefined) {
        if (m[4] === "\n") {
          row++;
          col = 0;
          while (lines.length <= row) lines.push("");
        } else if (m[4] === "\r") col = 0;
        else put(m[4]);
        continue;
      }
      if (m[1] === "?") continue; // ?25l/h cursor, ?2026h/l synchronized output
      const n = m[2] === "" ? 1 : Number(m[2]);
      switch (m[3]) {
        case "A":
          row = Math.max(0, row - n);
          break;
        case "B":
          row += n;
          while (lines.length <= row) lines.push("");
          break;
        case "G":
          col = 0;
          break;
        case "K":
          lines[row] = m[2] === "2" ? "" : (lines[row] ?? "").slice(0, col);
          break;
        default:
          throw new Error(`fake terminal: unexpected escape ${JSON.stringify(m[0])}`);
      }
    }
  };
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        const text = chunk.toString();
        raw += text;
        apply(text);
        done();
      },
    }),
    { isTTY: true as const, columns, rows },
  );
  return {
    stream,
    raw: () => raw,
    screen: () => {
      const out = lines.map((l) => l.trimEnd());
      while (out.length > 0 && out[out.length - 1] === "") out.pop();
      return out;
    },
  };
}
