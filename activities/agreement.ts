// Temporal and the record agree: every CU and respondent the record has open is asked of its
// workflow (is it there, is it running, the same phase, status and answer version). Used by the
// secretariat's page and `npm run check` (through the application) and by the scheduled check.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { OpenCu } from '../db/queries/open-work';
import { disagreement, type Disagreement } from '../domain/agreement';
import { cuWorkflowId, municipalityWorkflowId } from '../domain/ids';
import { municipalityProcess } from '../workflows/messages';
import { cuProcess, restartRespondent } from '../workflows/central-notice/messages';
import type { Actor } from '../domain/actors';

type Probe<T> =
  { kind: 'missing' } | { kind: 'closed'; status: string } | { kind: 'running'; value: T } | { kind: 'unreadable'; reason: string };

export interface Comparison {
  respondents: number;
  disagreements: Disagreement[];
}

/** Each workflow is asked within `probeMs` (a slow one is a finding, and does not use up the others' time). */
export async function compareWithTemporal(client: Client, open: OpenCu[], probeMs = 30_000): Promise<Comparison> {
  /** The workflow's state: missing, closed (its status), or running with what its query answers. */
  const ask = async <T>(
    workflowId: string,
    query: (handle: ReturnType<typeof client.workflow.getHandle>) => Promise<T>,
  ): Promise<Probe<T>> => {
    const handle = client.workflow.getHandle(workflowId);
    try {
      return await client.withDeadline(Date.now() + probeMs, async (): Promise<Probe<T>> => {
        const { status } = await handle.describe();
        if (status.name !== 'RUNNING') return { kind: 'closed', status: status.name.toLowerCase() };
        return { kind: 'running', value: await query(handle) };
      });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return { kind: 'missing' };
      // One workflow that cannot be read (a query that fails to replay, say) is a finding, not the end of the check.
      // Temporal's own words (ids and codes, never personal data), cut short.
      const cause = err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : '';
      return { kind: 'unreadable', reason: err instanceof Error ? `${err.name}: ${err.message}${cause}`.slice(0, 200) : 'ukendt fejl' };
    }
  };

  // Eight CUs at a time (their respondents in order), reported in the record's order.
  const perCu = await inBatches(open, 8, async (cu) => {
    const found: Disagreement[] = [];
    const at = { cuId: cu.cuId };
    const state = await ask(cuWorkflowId(cu.cuId), (h) => h.query(cuProcess));
    if (state.kind === 'unreadable') found.push(disagreement('unreadable', at, cu.phase, state.reason));
    else if (state.kind === 'missing') found.push(disagreement('cu_missing', at, cu.phase, 'ingen workflow'));
    else if (state.kind === 'closed') found.push(disagreement('cu_closed', at, cu.phase, state.status));
    else if (state.value.phase !== cu.phase) found.push(disagreement('cu_phase', at, cu.phase, state.value.phase));
    for (const r of cu.respondents) {
      const where = { cuId: cu.cuId, code: r.code };
      const own = await ask(municipalityWorkflowId(cu.cuId, r.code), (h) => h.query(municipalityProcess));
      if (own.kind === 'unreadable') found.push(disagreement('unreadable', where, r.status, own.reason));
      else if (own.kind === 'missing') found.push(disagreement('respondent_missing', where, r.status, 'ingen workflow'));
      else if (own.kind === 'closed') found.push(disagreement('respondent_closed', where, r.status, own.status));
      else {
        if (own.value.status !== r.status) found.push(disagreement('respondent_status', where, r.status, own.value.status));
        if (own.value.answerVersion !== r.answerVersion)
          found.push(disagreement('answer_version', where, String(r.answerVersion), String(own.value.answerVersion)));
      }
    }
    return found;
  });
  const found = perCu.flat();
  const respondents = open.reduce((n, cu) => n + cu.respondents.length, 0);
  return { respondents, disagreements: found };
}

const RESTARTABLE = ['invited', 'draft', 'revision_requested', 'submitted'] as const;
const restartable = (status: string): status is (typeof RESTARTABLE)[number] => (RESTARTABLE as readonly string[]).includes(status);

/**
 * Repairs what is safe: a respondent whose workflow is gone or was ended by force (terminated,
 * failed, timed out) while its CU's workflow runs the round is started again by the CU, from where
 * the record has it. Everything else is left to a person. Returns the report with `repaired` marked.
 */
export async function repairSafe(client: Client, open: OpenCu[], found: Disagreement[], by: Actor): Promise<Disagreement[]> {
  const cuTroubled = new Set(found.filter((d) => !d.code).map((d) => d.cuId));
  const out: Disagreement[] = [];
  for (const d of found) {
    const cu = open.find((c) => c.cuId === d.cuId);
    const respondent = cu?.respondents.find((r) => r.code === d.code);
    const lost = d.kind === 'respondent_missing' || (d.kind === 'respondent_closed' && d.temporal !== 'completed');
    const status = respondent?.status ?? '';
    if (!lost || !cu || !respondent || cu.phase !== 'reporting' || cuTroubled.has(d.cuId) || !restartable(status)) {
      out.push(d);
      continue;
    }
    const repaired = await client.workflow
      .getHandle(cuWorkflowId(cu.cuId))
      .executeUpdate(restartRespondent.update, {
        args: [
          {
            municipalityCode: respondent.code,
            deadline: respondent.deadline,
            status,
            answerVersion: respondent.answerVersion,
            by,
          },
        ],
      })
      .then(
        () => true,
        () => false,
      );
    out.push(repaired ? { ...d, repaired } : d);
  }
  return out;
}

/** Runs `task` over `items`, `size` at a time; results in the items' order. */
async function inBatches<T, R>(items: T[], size: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.all(items.slice(i, i + size).map(task))));
  return results;
}
