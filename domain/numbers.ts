// Numbers as Danes write them: 1.234,5 and −3 (without ICU, which the workflow sandbox may lack).
export function danishNumber(n: number, decimals?: number): string {
  const fixed = decimals === undefined ? String(Math.abs(n)) : Math.abs(n).toFixed(decimals);
  const [whole = '', fraction] = fixed.split('.');
  return `${n < 0 ? '−' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}${fraction ? `,${fraction}` : ''}`;
}

/** A number as typed the Danish way (1.234,5) as a number; anything else left as text for the checker to name. */
export function parseDanishNumber(raw: string): number | string {
  const plain = raw
    .replace(/\s/g, '')
    .replace(/\.(?=\d{3}(\D|$))/g, '')
    .replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : raw;
}
