// A tiny HTML builder: everything interpolated is escaped unless it is already Html.
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = Html | string | number | undefined | null | false | Part[];

/** The one HTML escaper: pages, e-mails, the report page and the API docs all use it. */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

function render(part: Part): string {
  if (part === undefined || part === null || part === false) return '';
  if (Array.isArray(part)) return part.map(render).join('');
  if (part instanceof Html) return part.value;
  return escapeHtml(String(part));
}

export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  return new Html(strings.reduce((out, s, i) => out + s + render(parts[i]), ''));
}

export const raw = (s: string) => new Html(s);

/**
 * User text (titles, names, answers, comments) isolated from what surrounds it, so a bidirectional
 * override in it (U+202E) cannot turn the text that follows.
 */
export const bdi = (text: string | undefined | null) => html`<bdi>${text ?? ''}</bdi>`;
