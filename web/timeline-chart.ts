// A timeline drawn on the server as SVG: a bar of phases along the calendar (done, now, next), with
// marks for deadlines and today. The picture is decoration for sighted readers; its title names
// what it shows, and the table beside it (aria-describedby) holds the same dates.
import { bdi, html, type Html } from '../domain/html';
import type { TimelineSegment, TimelineMark } from '../domain/timeline';
import { danishDate, daysBetween, type IsoDate } from '../domain/time';

const WIDTH = 640;
const BAR_Y = 18;
const BAR_H = 16;
const HEIGHT = 78;
/** Below this width a segment's name does not fit inside it (its tooltip and the table still give it). */
const LABEL_MIN_WIDTH = 70;

const anchor = (px: number) => (px < 40 ? 'start' : px > WIDTH - 40 ? 'end' : 'middle');

export function timelineChart(o: { title: string; describedBy?: string; segments: TimelineSegment[]; marks: TimelineMark[] }): Html {
  const dates = [...o.segments.flatMap((s) => [s.from, s.to]), ...o.marks.map((m) => m.date)].sort();
  const first = dates[0];
  const last = dates[dates.length - 1];
  if (!first || !last) return html``;
  const span = Math.max(1, daysBetween(first, last));
  const x = (d: IsoDate) => Math.round((daysBetween(first, d) / span) * (WIDTH - 20)) + 10;
  return html`<svg class="timeline-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-label="${o.title}"${o.describedBy ? html` aria-describedby="${o.describedBy}"` : ''} xmlns="http://www.w3.org/2000/svg">
<title>${bdi(o.title)}</title>
${o.segments.map(
  (s) =>
    html`<rect class="seg ${s.state}" x="${x(s.from)}" y="${BAR_Y}" width="${Math.max(2, x(s.to) - x(s.from))}" height="${BAR_H}"><title>${s.label}: ${danishDate(s.from)} – ${danishDate(s.to)}</title></rect>${
      x(s.to) - x(s.from) >= LABEL_MIN_WIDTH
        ? html`<text class="seg-label ${s.state}" x="${x(s.from) + 4}" y="${BAR_Y + BAR_H - 4}">${s.label.slice(0, Math.floor((x(s.to) - x(s.from)) / 6.5))}</text>`
        : ''
    }`,
)}
${o.marks.map(
  (m, i) =>
    html`<g class="mark ${m.kind}"><line x1="${x(m.date)}" x2="${x(m.date)}" y1="14" y2="${BAR_Y + BAR_H + 6}"/><title>${m.label}: ${danishDate(m.date)}</title>${
      m.kind === 'today'
        ? ''
        : html`<text x="${x(m.date)}" y="${BAR_Y + BAR_H + 18 + (i % 2) * 12}" text-anchor="${anchor(x(m.date))}">${m.kind === 'risk' ? '! ' : ''}${m.label}</text>`
    }</g>`,
)}
<text class="axis" x="10" y="10">${danishDate(first)}</text><text class="axis" x="${WIDTH - 10}" y="10" text-anchor="end">${danishDate(last)}</text>
</svg>`;
}
