// User text in plain-text and document output (e-mails, Word): text carrying bidirectional controls
// is wrapped in First Strong Isolate … Pop Directional Isolate, which ends every override it opens,
// so it cannot turn the text after it. (Web pages use <bdi> for the same.)
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

export function isolated(text: string): string {
  return BIDI_CONTROLS.test(text) ? `\u2068${text}\u2069` : text;
}
