// CSV as secretariats save it from Excel: semicolons (Danish Excel) or commas, quoted cells.

/** The delimiter a header line uses: semicolons unless it has more commas. */
export const delimiterOf = (header: string): ';' | ',' =>
  (header.match(/;/g)?.length ?? 0) >= (header.match(/,/g)?.length ?? 0) ? ';' : ',';

export const csvLines = (text: string): string[] => text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);

/** One CSV row, with quoted cells ("a;b", doubled quotes inside). */
export function splitRow(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charAt(i);
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else current += ch;
    } else if (ch === '"' && current.trim() === '') quoted = true;
    else if (ch === delimiter) {
      cells.push(current);
      current = '';
    } else current += ch;
  }
  cells.push(current);
  return cells;
}
