/** A small SVG line chart, written without dependencies. */

export interface Series {
  readonly label: string;
  readonly color: string;
  readonly points: { x: number; y: number }[];
}

export interface Panel {
  readonly title: string;
  readonly yLabel: string;
  readonly series: Series[];
}

const W = 420;
const H = 260;
const M = { left: 70, right: 20, top: 30, bottom: 45 };

/** Panels side by side, sharing the x axis values (N). */
export function lineCharts(panels: Panel[], xLabel: string): string {
  const body = panels.map((panel, i) => `<g transform="translate(${i * W},0)">${renderPanel(panel, xLabel)}</g>`).join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W * panels.length}" height="${H}" font-family="sans-serif" font-size="11">\n` +
    `<rect width="100%" height="100%" fill="white"/>\n${body}\n</svg>\n`;
}

function renderPanel(panel: Panel, xLabel: string): string {
  const xs = panel.series.flatMap((s) => s.points.map((p) => p.x));
  const ys = panel.series.flatMap((s) => s.points.map((p) => p.y));
  const xMax = Math.max(...xs);
  const yMax = niceCeil(Math.max(...ys));
  const px = (x: number) => M.left + (x / xMax) * (W - M.left - M.right);
  const py = (y: number) => H - M.bottom - (y / yMax) * (H - M.top - M.bottom);
  const out: string[] = [];
  out.push(`<text x="${W / 2}" y="16" text-anchor="middle" font-weight="bold">${escape(panel.title)}</text>`);
  out.push(`<line x1="${M.left}" y1="${py(0)}" x2="${W - M.right}" y2="${py(0)}" stroke="#333"/>`);
  out.push(`<line x1="${M.left}" y1="${py(0)}" x2="${M.left}" y2="${M.top}" stroke="#333"/>`);
  for (let k = 0; k <= 4; k++) {
    const y = (yMax * k) / 4;
    out.push(`<line x1="${M.left - 4}" y1="${py(y)}" x2="${W - M.right}" y2="${py(y)}" stroke="#ddd"/>`);
    out.push(`<text x="${M.left - 6}" y="${py(y) + 4}" text-anchor="end">${formatTick(y)}</text>`);
  }
  for (const x of [...new Set(xs)].sort((a, b) => a - b)) {
    out.push(`<text x="${px(x)}" y="${H - M.bottom + 15}" text-anchor="middle">${x}</text>`);
  }
  out.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - 8}" text-anchor="middle">${escape(xLabel)}</text>`);
  out.push(`<text transform="translate(14,${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${escape(panel.yLabel)}</text>`);
  panel.series.forEach((s, i) => {
    const points = s.points.map((p) => `${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' ');
    out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${points}"/>`);
    for (const p of s.points) out.push(`<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="3" fill="${s.color}"/>`);
    out.push(`<rect x="${M.left + 10}" y="${M.top + 4 + i * 16}" width="10" height="10" fill="${s.color}"/>`);
    out.push(`<text x="${M.left + 25}" y="${M.top + 13 + i * 16}">${escape(s.label)}</text>`);
  });
  return out.join('\n');
}

function niceCeil(v: number): number {
  if (v <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((c) => c >= v)!;
}

function formatTick(v: number): string {
  if (v >= 1_000_000) return `${+(v / 1_000_000).toFixed(1)}M`;
  if (v >= 1_000) return `${+(v / 1_000).toFixed(1)}k`;
  return `${+v.toFixed(1)}`;
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
