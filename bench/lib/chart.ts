/**
 * The SVG chart of docs/performance.md: each target of `npm run bench` as achieved ÷ needed
 * (1.0 = met), drawn from the figures of one run (`BENCH_SVG=path npm run bench`).
 */
export interface TargetFigures {
  /** Question page req/s ÷ bare node:http req/s. */
  readonly pageRatio: number;
  readonly flows: number;
  /** Flow requests' p99 latency, ms. */
  readonly flowP99: number;
  /** Peak server RSS, MB. */
  readonly rss: number;
}

const escape = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

export function ratiosChart(f: TargetFigures, date: string): string {
  const rows: [string, number][] = [
    [`Question page vs bare node:http (${f.pageRatio.toFixed(2)}× of 0.50×)`, f.pageRatio / 0.5],
    [`Completed surveys/s (${Math.round(f.flows).toLocaleString('en')} of 1,000)`, f.flows / 1000],
    [`p99 latency (20 ms target / ${f.flowP99.toFixed(0)} ms)`, 20 / Math.max(f.flowP99, 1e-9)],
    [`Peak RSS (100 MB target / ${f.rss.toFixed(0)} MB)`, 100 / f.rss],
  ];
  const width = 720;
  const scale = 340 / 1.5; // bars run to 1.5× the target; the line marks 1.0
  const height = 60 + rows.length * 36 + 20;
  const bars = rows.map(([label, value], i) => {
    const y = 46 + i * 36;
    const met = value >= 1;
    return [
      `<text x="16" y="${y + 13}" fill="#1d1d1f">${escape(label)}</text>`,
      `<rect x="330" y="${y}" width="340" height="18" fill="#e3e5ea"/>`,
      `<rect x="330" y="${y}" width="${(Math.min(value, 1.5) * scale).toFixed(1)}" height="18" fill="${met ? '#1a7f37' : '#1f5fbf'}"/>`,
      `<text x="678" y="${y + 13}" fill="#1d1d1f">${value.toFixed(2)}</text>`,
    ].join('\n');
  });
  const line = 330 + scale;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="13">
<title>Canvass performance: each target as achieved ÷ needed (1.0 = target met), ${date}</title>
<rect width="${width}" height="${height}" fill="#ffffff"/>
<text x="16" y="24" font-size="15" font-weight="600" fill="#1d1d1f">Achieved ÷ target (1.0 = met; green = met), npm run bench, ${date}</text>
${bars.join('\n')}
<line x1="${line.toFixed(1)}" y1="40" x2="${line.toFixed(1)}" y2="${height - 16}" stroke="#1d1d1f" stroke-dasharray="4 3"/>
</svg>
`;
}
