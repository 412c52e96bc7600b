import { escapeRegExp } from './escape-reg-exp.ts';
const REDACTED = '[redacted]';

/**
 * Removes API keys from text bound for messages and logs: the given secrets verbatim, bearer tokens and
 * `sk-…` shaped keys (some servers echo the key they rejected).
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let result = text;
  for (const secret of secrets) {
    // Very short "keys" (e.g. "x" for local servers) would shred ordinary words; they are not secrets anyway.
    if (secret && secret.length >= 6) result = result.replace(new RegExp(escapeRegExp(secret), 'g'), REDACTED);
  }
  return result
    .replace(/Bearer\s+[^\s"',}]+/gi, `Bearer ${REDACTED}`)
    .replace(/\bsk-[A-Za-z0-9_*-]{6,}/g, `sk-${REDACTED}`);
}
