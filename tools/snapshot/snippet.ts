/** The leading sentences of a text, up to ~320 characters: always an exact prefix of it. */
export function snippet(text: string): string {
  let end = 0;
  for (let index = 0; index < text.length; index += 1) {
    const boundary = '.!?'.includes(text[index]) && (index + 1 === text.length || /\s/.test(text[index + 1]));
    if (!boundary) continue;
    if (end > 0 && index + 1 > 320) break;
    end = index + 1;
  }
  return text.slice(0, end || text.length);
}
