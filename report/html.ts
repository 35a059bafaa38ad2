// The report as a web page, from the same model as the Word document.
import { escapeHtml } from '../domain/html';
import { chartSvg } from './charts';
import type { ReportModel, Table } from './model';

/** A count per respondent drawn, as a picture whose words say where its figures are. */
async function chart(t: Table): Promise<string> {
  if (!t.chart) return '';
  const svg = await chartSvg({ caption: t.caption, ...t.chart });
  const alt = `Søjlediagram: ${t.caption}. Tallene står i tabellen herunder.`;
  return `<figure class="chart"><img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" alt="${escapeHtml(alt)}"></figure>`;
}

function table(t: Table): string {
  const last = t.rows.length - 1;
  const cell = (text: string, i: number, tag: 'td' | 'th', scope = '') =>
    `<${tag}${scope}${t.numeric.includes(i) ? ' class="num"' : ''}><bdi>${escapeHtml(text)}</bdi></${tag}>`;
  return `<table>
<caption>${escapeHtml(t.caption)}</caption>
<thead><tr>${t.head.map((h, i) => cell(h, i, 'th', ' scope="col"')).join('')}</tr></thead>
<tbody>
${t.rows.map((r, ri) => `<tr${t.totalRow && ri === last ? ' class="total"' : ''}>${r.map((c, i) => (i === 0 ? cell(c, i, 'th', ' scope="row"') : cell(c, i, 'td'))).join('')}</tr>`).join('\n')}
</tbody>
</table>`;
}

/** Inline, so the saved page stands alone; allowed by its hash in the Content-Security-Policy. */
export const REPORT_STYLE = `
body{font-family:system-ui,Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}
.draft{border:2px solid #b00020;color:#b00020;padding:.5rem 1rem;font-weight:bold}
table{border-collapse:collapse;margin:1rem 0;min-width:50%}caption{text-align:left;font-weight:bold;padding:.3rem 0}
th,td{border:1px solid #8a8a8a;padding:.3rem .6rem;text-align:left;vertical-align:top}thead th{background:#e7edf5}
.num{text-align:right;font-variant-numeric:tabular-nums}.total th,.total td{font-weight:bold}
figure.chart{margin:1rem 0 0}figure.chart img{max-width:100%;height:auto}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:bold}
`;

export async function reportHtml(model: ReportModel): Promise<string> {
  const charts = new Map<Table, string>();
  for (const s of model.sections)
    for (const b of s.blocks) if (b.kind === 'table' && b.table.chart) charts.set(b.table, await chart(b.table));
  return `<!doctype html>
<html lang="da">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(model.title)}${model.draft ? ' (udkast)' : ''}</title>
<style>${REPORT_STYLE}</style></head>
<body><main>
${model.draft ? '<p class="draft" role="note">UDKAST – ikke godkendt</p>' : ''}
<h1><bdi>${escapeHtml(model.title)}</bdi></h1>
<p>${escapeHtml(model.regionName)}</p>
<dl>${model.facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd><bdi>${escapeHtml(v)}</bdi></dd>`).join('')}</dl>
${model.footnotes.map((f) => `<p><em>${escapeHtml(f)}</em></p>`).join('\n')}
${model.sections
  .map(
    (s) => `<section>
<h2>${escapeHtml(s.heading)}</h2>
${s.blocks.map((b) => (b.kind === 'table' ? `${charts.get(b.table) ?? ''}${table(b.table)}` : b.kind === 'subheading' ? `<h3><bdi>${escapeHtml(b.text)}</bdi></h3>` : `<p><bdi>${escapeHtml(b.text)}</bdi></p>`)).join('\n')}
</section>`,
  )
  .join('\n')}
</main></body></html>`;
}
