// The audit trail of a CU as a table: when, what, on which municipality, who, and the note.
import { actorIdentity, ROLE_LABELS } from '../domain/actors';
import { municipality } from '../domain/municipalities';
import { eventLabel } from '../domain/record';
import { danishDateTime } from '../domain/time';
import type { AuditEvent } from '../domain/views';
import { csv, xlsx, type Cell } from './cells';

export const AUDIT_COLUMNS = ['Tidspunkt', 'Hændelse', 'Kommune', 'Udført af', 'E-mail eller nøgle', 'Rolle', 'Bemærkning'];

export function auditRows(events: AuditEvent[]): Cell[][] {
  return events.map((e) => [
    danishDateTime(Date.parse(e.at)),
    eventLabel(e.kind),
    e.municipalityCode ? municipality(e.municipalityCode).name : '',
    e.by.name,
    actorIdentity(e.by),
    ROLE_LABELS[e.by.role],
    e.note ?? '',
  ]);
}

export function auditCsv(events: AuditEvent[]): string {
  return csv([AUDIT_COLUMNS, ...auditRows(events)]);
}

export function auditXlsx(events: AuditEvent[], title: string): Promise<Buffer> {
  return xlsx(`Revisionsspor: ${title}`, [
    { name: 'Revisionsspor', columns: AUDIT_COLUMNS, rows: auditRows(events), widths: [18, 34, 16, 26, 30, 18, 60] },
  ]);
}
