/** Text matched literally inside a JavaScript RegExp (a company name, a symbol, a secret). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
