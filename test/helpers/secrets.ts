// Sentinel secrets and a check that none of their encodings appear in some text.

export const SENTINEL_KEY = "sk_SENTINEL_9f3a+/= key";

/** Every form a secret could leak in: raw, URL-encoded (both styles), base64. */
export function encodings(secret: string): string[] {
  const base64 = Buffer.from(secret).toString("base64");
  return [secret, encodeURIComponent(secret), new URLSearchParams({ k: secret }).toString().slice(2), base64, base64.replace(/=+$/, "")];
}

/** The encodings of `secret` found in `text` (empty when clean). */
export function leaks(text: string, secret: string): string[] {
  return encodings(secret).filter((form) => text.includes(form));
}
