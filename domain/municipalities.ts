import { MUNICIPALITIES, REGIONS, type Municipality, type RegionCode } from './municipalities-data';

export { MUNICIPALITIES, REGIONS, type Municipality, type RegionCode };

export const SYDDANMARK: RegionCode = '1083';

const byCode = new Map(MUNICIPALITIES.map((m) => [m.code, m]));

export function municipality(code: string): Municipality {
  const found = byCode.get(code);
  if (!found) throw new Error(`Ukendt kommunekode: ${code}`);
  return found;
}

export function municipalitiesOfRegion(regionCode: RegionCode): string[] {
  return MUNICIPALITIES.filter((m) => m.regionCode === regionCode).map((m) => m.code);
}

export const CODE_DIGITS = /^\d{3,4}$/;
export const CODE_FORMAT = 'Kommunekoden skal være 3 eller 4 cifre, fx 0461';
export const UNKNOWN_CODE = 'Ukendt kommunekode';

export const isMunicipality = (code: string) => byCode.has(code);
