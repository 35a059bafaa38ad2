// What directors may see of one CU: everything but the contacts' addresses and mail errors.
import type { CuRecord } from '../domain/views';

export function forDirectors(record: CuRecord): CuRecord {
  const municipalities = Object.fromEntries(Object.entries(record.municipalities).map(([code, m]) => [code, { ...m, mailFailures: [] }]));
  return {
    ...record,
    ...(record.round ? { round: { ...record.round, contacts: {}, addresses: { ...record.round.addresses } } } : {}),
    municipalities,
    mailFailures: [],
  };
}
