import { z } from './zod';
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

/** Accepts "461" as well as "0461"; rejects codes that are not one of the 98 municipalities. */
export const municipalityCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{3,4}$/, 'Kommunekoden skal være 3 eller 4 cifre, fx 0461')
  .transform((code) => code.padStart(4, '0'))
  .refine((code) => byCode.has(code), { message: 'Ukendt kommunekode' });

export const regionCodeSchema = z.enum(Object.keys(REGIONS) as [RegionCode, ...RegionCode[]], {
  message: 'Ukendt regionskode (1081-1085)',
});
