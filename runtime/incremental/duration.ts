// ISO-8601 durations for incremental windows (`P1D`, `PT1H`, `P1W`, `PT30M`, `P1DT12H`), in seconds.
// Years and months are refused: their length varies, so a window would not be a fixed step.

const DURATION = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Seconds in `text`, or why it is not a duration this runtime accepts. */
export function parseDuration(text: string): number | { readonly error: string } {
  const m = DURATION.exec(text);
  if (m === null || text === "P" || text.endsWith("T")) {
    const hint = /^P\d+[YM]/.test(text) ? " (years and months vary in length: use days, e.g. P30D)" : "";
    return { error: `expected an ISO-8601 duration such as P1D, PT1H or P1DT12H, got ${JSON.stringify(text)}${hint}` };
  }
  const [weeks, days, hours, minutes, seconds] = m.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number];
  return weeks * 604_800 + days * 86_400 + hours * 3600 + minutes * 60 + seconds;
}
