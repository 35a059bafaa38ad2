// Upkeep on Temporal Schedules (app/maintenance.ts makes them): the agreement check every few hours,
// and the retention run each night. Each is one activity; the schedule gives it its time, its
// retries and a history an operator can read.
import { applyRetention, checkAgreement, type AgreementCheckSummary, type RetentionSummary } from './activities';

export function agreementCheckWorkflow(): Promise<AgreementCheckSummary> {
  return checkAgreement();
}

export function retentionWorkflow(): Promise<RetentionSummary> {
  return applyRetention();
}
