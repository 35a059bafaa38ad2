import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { MUNICIPALITIES, municipalitiesOfRegion, SYDDANMARK } from '../../domain/municipalities';
import { municipalityCodeSchema } from '../../domain/zod';
import { cuWorkflowId, municipalityWorkflowId, parseWorkflowId, renewalCuId } from '../../domain/ids';

const csv = new URL('../../../shared/data/municipalities.csv', import.meta.url);

test.skipIf(!existsSync(csv))('the built-in list matches the domain brief’s municipalities.csv', () => {
  const rows = readFileSync(csv, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
  expect(MUNICIPALITIES.map((m) => [m.code, m.name, m.regionCode])).toEqual(rows.map(([code, name, region]) => [code, name, region]));
});

test('98 municipalities, 22 in Syddanmark', () => {
  expect(MUNICIPALITIES).toHaveLength(98);
  expect(municipalitiesOfRegion(SYDDANMARK)).toHaveLength(22);
});

test('codes: "461" is Odense, unknown codes are refused', () => {
  expect(municipalityCodeSchema.parse('461')).toBe('0461');
  expect(municipalityCodeSchema.safeParse('9999').success).toBe(false);
  expect(municipalityCodeSchema.safeParse('46a').success).toBe(false);
});

test('workflow ids go both ways', () => {
  expect(parseWorkflowId(cuWorkflowId('braille-2022'))).toEqual({ cuId: 'braille-2022' });
  expect(parseWorkflowId(municipalityWorkflowId('braille-2022', '0461'))).toEqual({ cuId: 'braille-2022', municipalityCode: '0461' });
  expect(parseWorkflowId('something-else')).toBeUndefined();
  expect(renewalCuId('braille-2022', 1)).toBe('braille-2022-fb1');
  expect(renewalCuId('braille-2022-fb1', 2)).toBe('braille-2022-fb2');
});
