// The report's charts: a bar per respondent for each count question, drawn with Vega-Lite on the
// server (SVG for the web page, PNG for Word by resvg with a bundled font, so every machine draws
// the same). Protected figures get no bar: their label ("1-4", "x") stands at zero, as in the table.
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import type { TopLevelSpec } from 'vega-lite';

export interface BarChart {
  caption: string;
  /** The axis title ("Antal borgere"). */
  unit: string;
  /** In the table's order; `value` null when the figure is protected. */
  bars: { label: string; value: number | null; shown: string }[];
}

export const CHART_WIDTH = 460;
const FONT = 'DejaVu Sans';
const fontFile = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const boldFontFile = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

function specOf(c: BarChart): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: CHART_WIDTH,
    height: { step: 17 },
    background: 'white',
    data: { values: c.bars.map((b) => ({ ...b, drawn: b.value ?? 0 })) },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 160 } },
      x: { field: 'drawn', type: 'quantitative', title: c.unit, axis: { format: 'd', tickMinStep: 1 } },
    },
    layer: [
      // A protected figure's bar has no length (filtering it out would reorder the bars).
      { mark: { type: 'bar', color: '#0b4f8a' } },
      { mark: { type: 'text', align: 'left', dx: 3, color: '#1a1a1a', fontSize: 10 }, encoding: { text: { field: 'shown' } } },
    ],
    config: { font: FONT, view: { stroke: null }, axis: { labelFontSize: 10, titleFontSize: 11 } },
  };
}

/** The chart as SVG text. */
export async function chartSvg(c: BarChart): Promise<string> {
  // Several MB of code: loaded when the first chart is drawn, not when the worker or the API starts.
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(compile(specOf(c)).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The charts drawn last, by their SVG: a council's request and the submission carry the same report. */
const drawn = new Map<string, { png: Buffer; width: number; height: number }>();
const DRAWN_KEPT = 32;

/** SVG to PNG at `scale` times its size, with the bundled font only. */
export function svgToPng(svg: string, scale = 2): { png: Buffer; width: number; height: number } {
  const key = `${scale}:${svg}`;
  const known = drawn.get(key);
  if (known) return known;
  const picture = rasterize(svg, scale);
  drawn.set(key, picture);
  const oldest = drawn.keys().next().value;
  if (drawn.size > DRAWN_KEPT && oldest !== undefined) drawn.delete(oldest);
  return picture;
}

function rasterize(svg: string, scale: number): { png: Buffer; width: number; height: number } {
  const rendered = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: [fontFile, boldFontFile], defaultFontFamily: FONT },
    fitTo: { mode: 'zoom', value: scale },
  }).render();
  return { png: rendered.asPng(), width: rendered.width / scale, height: rendered.height / scale };
}
