import { escapeHtml } from './escape-html.ts';

export interface Segment {
  name: string;
  value: number;
  color: string;
}

export interface BarRow {
  label: string;
  segments: Segment[];
}

const FONT = 'font-family="system-ui, sans-serif" font-size="12"';

/** Horizontal stacked bars with a legend, as inline SVG; labels on the left, total on the right. */
export function stackedBarChart(rows: readonly BarRow[], options: { width?: number; labelWidth?: number } = {}): string {
  const width = options.width ?? 640;
  const labelWidth = options.labelWidth ?? 200;
  const barHeight = 18;
  const gap = 8;
  const legendHeight = 24;
  const plotWidth = width - labelWidth - 60;
  const max = rows.reduce((most, row) => Math.max(most, total(row.segments)), 1);
  const height = legendHeight + rows.length * (barHeight + gap) + gap;
  const names = [...new Map(rows.flatMap((row) => row.segments.map((segment) => [segment.name, segment.color] as const))).entries()];
  let legendX = labelWidth;
  const legend = names
    .map(([name, color]) => {
      const item = `<rect x="${legendX}" y="4" width="12" height="12" fill="${color}"/><text x="${legendX + 16}" y="14" ${FONT}>${escapeHtml(name)}</text>`;
      legendX += 16 + name.length * 7 + 18;
      return item;
    })
    .join('');
  const bars = rows
    .map((row, index) => {
      const y = legendHeight + gap + index * (barHeight + gap);
      let x = labelWidth;
      const rects = row.segments
        .filter((segment) => segment.value > 0)
        .map((segment) => {
          const w = (segment.value / max) * plotWidth;
          const rect = `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${segment.color}"><title>${escapeHtml(`${row.label}: ${segment.name} ${segment.value}`)}</title></rect>`;
          x += w;
          return rect;
        })
        .join('');
      return `<text x="${labelWidth - 6}" y="${y + 13}" text-anchor="end" ${FONT}>${escapeHtml(row.label)}</text>${rects}<text x="${(x + 6).toFixed(1)}" y="${y + 13}" ${FONT}>${total(row.segments)}</text>`;
    })
    .join('');
  const empty = rows.length === 0 ? `<text x="${labelWidth}" y="${legendHeight + 14}" ${FONT}>no data</text>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${Math.max(height, legendHeight + 30)}" viewBox="0 0 ${width} ${Math.max(height, legendHeight + 30)}">${legend}${bars}${empty}</svg>`;
}

export interface Bin {
  label: string;
  value: number;
}

/** Vertical bars over labelled bins (a histogram), as inline SVG. */
export function columnChart(bins: readonly Bin[], options: { width?: number; height?: number; color?: string; axisLabel?: string } = {}): string {
  const width = options.width ?? 640;
  const height = options.height ?? 220;
  const top = 16;
  const bottom = 44;
  const left = 40;
  const plotHeight = height - top - bottom;
  const max = bins.reduce((most, bin) => Math.max(most, bin.value), 1);
  const step = bins.length ? (width - left - 10) / bins.length : 0;
  const columns = bins
    .map((bin, index) => {
      const h = (bin.value / max) * plotHeight;
      const x = left + index * step;
      const y = top + plotHeight - h;
      return `<rect x="${(x + 2).toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(1, step - 4).toFixed(1)}" height="${h.toFixed(1)}" fill="${options.color ?? '#4c78a8'}"><title>${escapeHtml(`${bin.label}: ${bin.value}`)}</title></rect>`
        + `<text x="${(x + step / 2).toFixed(1)}" y="${(y - 3).toFixed(1)}" text-anchor="middle" ${FONT}>${bin.value || ''}</text>`
        + `<text x="${(x + step / 2).toFixed(1)}" y="${top + plotHeight + 16}" text-anchor="middle" ${FONT}>${escapeHtml(bin.label)}</text>`;
    })
    .join('');
  const axis = `<line x1="${left}" y1="${top + plotHeight}" x2="${width - 10}" y2="${top + plotHeight}" stroke="#888"/>`;
  const label = options.axisLabel ? `<text x="${(width + left) / 2}" y="${height - 6}" text-anchor="middle" ${FONT}>${escapeHtml(options.axisLabel)}</text>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${axis}${columns}${label}</svg>`;
}

/** Latency histogram bins on a roughly logarithmic scale (ms), from [latency, how many calls] pairs. */
export function latencyBins(latencies: Iterable<readonly [number, number]>): Bin[] {
  const edges = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];
  const counts = new Array(edges.length + 1).fill(0);
  for (const [value, count] of latencies) {
    const index = edges.findIndex((edge) => value < edge);
    counts[index === -1 ? edges.length : index] += count;
  }
  return counts.map((value, index) => ({ label: index === edges.length ? `≥${edges[edges.length - 1]}` : `<${edges[index]}`, value }));
}

function total(segments: readonly Segment[]): number {
  return segments.reduce((sum, segment) => sum + segment.value, 0);
}
