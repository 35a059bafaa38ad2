// Every CU at a glance, in one query: the list and the directors' overview read this.
import { sql } from 'kysely';
import type { ApprovalStep } from '../../domain/approval-chain';
import type { CuPhase } from '../../domain/cu-process';
import type { CuListItem } from '../../domain/overview';
import type { MunicipalityStatus } from '../../domain/municipality-process';
import type { IsoDate } from '../../domain/time';
import type { Queryable } from '../schema';
import type { RoundSettings } from '../../domain/record';
import type { CuProcess } from '../../domain/cu';

export type CuListRow = CuListItem;

export async function listCus(db: Queryable, filter: { region?: string; phase?: string; cuId?: string } = {}): Promise<CuListRow[]> {
  const rows = await sql<{
    id: string;
    title: string;
    phase: string;
    region_code: string;
    national_deadline: string;
    municipal_deadline: string | null;
    created_at: string;
    submitted_at: string | null;
    municipalities: [string, MunicipalityStatus, IsoDate][] | null;
    last_step: [ApprovalStep, string] | null;
    councils_total: number;
    councils_decided: number;
    councils_until: string | null;
    phases: [string, string][] | null;
    settings: Pick<RoundSettings, 'approvalChain' | 'approvalReminderEveryDays' | 'reminders'> | null;
    process: CuProcess | null;
  }>`
    select cu.id, v.definition->>'title' as title, cu.phase, cu.region_code,
      v.definition->>'nationalDeadline' as national_deadline, r.deadline as municipal_deadline, cu.created_at, s.submitted_at,
      (select json_agg(json_build_array(m.code, m.status, m.deadline) order by m.code) from municipality m where m.cu_id = cu.id) as municipalities,
      (select json_build_array(d.body, d.decision) from decision d where d.cu_id = cu.id and d.body <> 'council'
        order by d.recorded_at desc, d.event_key desc limit 1) as last_step,
      (select count(*)::int from council c where c.cu_id = cu.id) as councils_total,
      (select count(*)::int from council c where c.cu_id = cu.id and c.status <> 'pending') as councils_decided,
      (select max(c.deadline)::text from council c where c.cu_id = cu.id and c.status = 'pending') as councils_until,
      (select json_agg(json_build_array(substr(e.kind, 7), e.at) order by e.seq) from audit_event e
        where e.cu_id = cu.id and e.kind like 'phase:%') as phases,
      r.settings, v.definition->'process' as process
    from cu
    join cu_version v on v.cu_id = cu.id and v.version = cu.version
    left join round r on r.cu_id = cu.id
    left join submission s on s.cu_id = cu.id
    where (${filter.region ?? null}::text is null or cu.region_code = ${filter.region ?? null})
      and (${filter.phase ?? null}::text is null or cu.phase = ${filter.phase ?? null})
      and (${filter.cuId ?? null}::text is null or cu.id = ${filter.cuId ?? null})
    order by cu.created_at, cu.id`.execute(db);
  return rows.rows.map((r) => ({
    cuId: r.id,
    title: r.title,
    phase: r.phase as CuPhase,
    regionCode: r.region_code,
    nationalDeadline: r.national_deadline,
    ...(r.municipal_deadline ? { municipalDeadline: r.municipal_deadline } : {}),
    createdAt: r.created_at,
    ...(r.submitted_at ? { submittedAt: r.submitted_at } : {}),
    municipalities: r.municipalities ?? [],
    ...(r.last_step ? { lastStep: { step: r.last_step[0], decision: r.last_step[1] } } : {}),
    councils: { total: r.councils_total, decided: r.councils_decided },
    ...(r.councils_until ? { councilsUntil: r.councils_until } : {}),
    phases: (r.phases ?? []).map(([phase, at]) => [phase as CuPhase, new Date(at).toISOString()]),
    ...(r.settings
      ? {
          chain: r.settings.approvalChain,
          ...(r.settings.approvalReminderEveryDays ? { everyDays: r.settings.approvalReminderEveryDays } : {}),
          ...(r.settings.reminders.closedDays ? { closedDays: r.settings.reminders.closedDays } : {}),
        }
      : {}),
    process: { councils: r.process?.councils ?? true, submitTo: r.process?.submitTo ?? 'national_board' },
  }));
}
