/** One printed line: scenario, what was measured, the value as shown. */
export interface TableRow {
  scenario: string;
  metric: string;
  value: string;
}

/** A fixed-width plain-text table (also valid inside a Markdown code block). */
export function renderTable(rows: readonly TableRow[]): string {
  const header: TableRow = { scenario: 'scenario', metric: 'metric', value: 'value' };
  const all = [header, ...rows];
  const width = (key: keyof TableRow) => Math.max(...all.map((row) => row[key].length));
  const [scenario, metric, value] = [width('scenario'), width('metric'), width('value')];
  const line = (row: TableRow) => `${row.scenario.padEnd(scenario)}  ${row.metric.padEnd(metric)}  ${row.value.padStart(value)}`;
  const rule = `${'-'.repeat(scenario)}  ${'-'.repeat(metric)}  ${'-'.repeat(value)}`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** A number at fixed decimals, or "n/a" when it could not be measured. */
export function formatNumber(value: number, decimals = 2): string {
  return Number.isFinite(value) ? value.toFixed(decimals) : 'n/a';
}
