const START = '<!-- bench:latest:start -->';
const END = '<!-- bench:latest:end -->';

/** The doc with the text between its bench:latest markers replaced by `table` in a code block; undefined without markers. */
export function writeLatestTable(doc: string, table: string): string | undefined {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) return undefined;
  return `${doc.slice(0, start + START.length)}\n\`\`\`text\n${table}\n\`\`\`\n${doc.slice(end)}`;
}
