// Turns a message's parts into a plain-text and an HTML body with the same content.
import { escapeHtml } from '../../domain/html';
export interface MessageParts {
  subject: string;
  greeting?: string;
  paragraphs: string[];
  /** Tables are rendered as HTML tables and as aligned text. */
  tables?: { caption: string; head: string[]; rows: string[][] }[];
  action?: { label: string; url: string };
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

const FOOTER = 'Sendt af udmeld for Fælleskommunalt Socialsekretariat. Svar ikke på denne e-mail; kontakt sekretariatet.';

export function render(parts: MessageParts): RenderedMessage {
  const greeting = parts.greeting ?? 'Kære kontaktperson';
  const text = [
    `${greeting}`,
    ...parts.paragraphs,
    ...(parts.tables ?? []).map((t) => [t.caption, t.head.join(' | '), ...t.rows.map((r) => r.join(' | '))].join('\n')),
    ...(parts.action ? [`${parts.action.label}: ${parts.action.url}`] : []),
    'Med venlig hilsen\nFælleskommunalt Socialsekretariat',
    `--\n${FOOTER}`,
  ].join('\n\n');

  const table = (t: NonNullable<MessageParts['tables']>[number]) =>
    `<table style="border-collapse:collapse;margin:1em 0"><caption style="text-align:left;font-weight:bold">${escapeHtml(t.caption)}</caption>` +
    `<thead><tr>${t.head.map((h) => `<th scope="col" style="border:1px solid #999;padding:4px 8px;text-align:left">${escapeHtml(h)}</th>`).join('')}</tr></thead>` +
    `<tbody>${t.rows.map((r) => `<tr>${r.map((c) => `<td style="border:1px solid #999;padding:4px 8px">${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;

  const html = `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>${escapeHtml(parts.subject)}</title></head>
<body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:40em">
<p>${escapeHtml(greeting)}</p>
${parts.paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('\n')}
${(parts.tables ?? []).map(table).join('\n')}
${parts.action ? `<p><a href="${escapeHtml(parts.action.url)}" style="display:inline-block;background:#0b5394;color:#fff;padding:10px 16px;text-decoration:none;border-radius:4px">${escapeHtml(parts.action.label)}</a></p>` : ''}
<p>Med venlig hilsen<br>Fælleskommunalt Socialsekretariat</p>
<hr><p style="font-size:13px;color:#555">${escapeHtml(FOOTER)}</p>
</body></html>`;
  return { subject: parts.subject, text, html };
}
