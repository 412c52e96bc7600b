/** What a secret is replaced with in every byte the engine writes. */
export const REDACTED = '[REDACTED]';

/** Secrets shorter than this are not redacted: replacing "a" everywhere would destroy the text, not protect it. */
const MIN_SECRET_LENGTH = 4;

/** The forms a secret can take in written text: verbatim and JSON-escaped (inside a serialised string). */
function secretForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
  }
  // Longest first, so a secret that contains another is replaced whole.
  return [...forms].sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of each secret (verbatim or JSON-escaped) with [REDACTED]. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const form of secretForms(secrets)) result = result.split(form).join(REDACTED);
  return result;
}
