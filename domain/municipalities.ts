import { MUNICIPALITIES, REGIONS, type Municipality, type RegionCode } from './municipalities-data';

export { MUNICIPALITIES, REGIONS, type Municipality, type RegionCode };

export const SYDDANMARK: RegionCode = '1083';

/** The regions as respondents: a round may ask the region too (it runs offers), under its region code. */
const REGION_RESPONDENTS: readonly Municipality[] = (Object.keys(REGIONS) as RegionCode[]).map((code) => ({
  code,
  name: REGIONS[code],
  regionCode: code,
}));

const byCode = new Map([...MUNICIPALITIES, ...REGION_RESPONDENTS].map((m) => [m.code, m]));

/** A respondent of a round: one of the 98 municipalities, or a region by its region code. */
export function municipality(code: string): Municipality {
  const found = byCode.get(code);
  if (!found) throw new Error(`Ukendt kommunekode: ${code}`);
  return found;
}

export const isRegion = (code: string): code is RegionCode => code in REGIONS;
/** "Odense Kommune", or "Region Syddanmark". */
export const respondentName = (code: string) => (isRegion(code) ? REGIONS[code] : `${municipality(code).name} Kommune`);
/** "Odense Kommunes", or "Region Syddanmarks". */
export const respondentGenitive = (code: string) => `${respondentName(code)}s`;
/** Who a round asks by default: the region's municipalities, and the region itself when its process says so. */
/** A round's respondents: the launch's choice, else its region's (and the region itself where its process asks it). */
export function roundRespondents(cu: { regionCode: RegionCode; process: { regionResponds: boolean } }, chosen?: string[]): string[] {
  return chosen ?? respondentsOfRegion(cu.regionCode, cu.process.regionResponds);
}

export function respondentsOfRegion(regionCode: RegionCode, withRegion: boolean): string[] {
  return [...municipalitiesOfRegion(regionCode), ...(withRegion ? [regionCode] : [])];
}

export function municipalitiesOfRegion(regionCode: RegionCode): string[] {
  return MUNICIPALITIES.filter((m) => m.regionCode === regionCode).map((m) => m.code);
}

export const CODE_DIGITS = /^\d{3,4}$/;
export const CODE_FORMAT = 'Kommunekoden skal være 3 eller 4 cifre, fx 0461';
export const UNKNOWN_CODE = 'Ukendt kommunekode (eller regionskode 1081-1085)';

/** A municipality's code, or a region's as a respondent. */
export const isRespondent = (code: string) => byCode.has(code);
