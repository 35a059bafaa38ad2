// A workflow's writes to the record: each event gets the next number of this workflow, which
// makes its key (a retried write is a no-op) and orders its snapshots (a late one never wins).
import { currentUpdateInfo, workflowInfo } from '@temporalio/workflow';
import type { Actor } from '../domain/cu';
import type { EventKind, Fact, RecordResult } from '../domain/record';
import { record } from './activities';

export interface JournalEvent {
  kind: EventKind;
  by: Actor;
  note?: string;
  facts?: Fact[];
  /** The municipality a CU's event is about (a municipality's own events carry its code anyway). */
  municipalityCode?: string;
}

export interface Journal {
  /** Writes the events (in one transaction) and resolves once they are in the record. */
  write(...events: JournalEvent[]): Promise<RecordResult & { at: string }>;
}

/**
 * `run` names a later run under the same workflow id (a municipality re-opened): its keys differ from
 * the first run's, and its numbers start above them, so its snapshots win over the first run's.
 */
export function journal(cuId: string, municipalityCode?: string, run?: { name: string; firstSeq: number }): Journal {
  let seq = run ? run.firstSeq : 0;
  return {
    async write(...events) {
      const { workflowId } = workflowInfo();
      const updateId = currentUpdateInfo()?.id;
      const at = new Date().toISOString();
      const entries = events.map((e, i) => {
        seq += 1;
        const answers = updateId && i === events.length - 1 ? { updateId } : {};
        return {
          key: `${workflowId}${run ? `@${run.name}` : ''}#${seq}`,
          seq,
          at,
          cuId,
          ...(municipalityCode ? { municipalityCode } : {}),
          ...e,
          ...answers,
        };
      });
      return { ...(await record(entries)), at };
    },
  };
}
