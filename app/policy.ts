// Who may do what, in one table: each operation of the application with the roles that may call it
// and the scope a service key needs for it (none: people only). The application checks it on every
// call; the API documents it from here and refuses early.
import type { AccessRole } from '../domain/actors';
import { forbidden } from '../domain/errors';
import { withinScope, type Caller, type ServiceKeyScope } from '../domain/people';

export interface Access {
  roles: readonly AccessRole[];
  /** What a service key needs; left out, keys may not call it. */
  scope?: ServiceKeyScope;
}

const SECRETARIAT = ['secretariat'] as const;
const EVERYONE = ['secretariat', 'municipality', 'director', 'region'] as const;

export const POLICY = {
  // A CU and its round
  registerCu: { roles: SECRETARIAT, scope: 'cu:register' },
  editCu: { roles: SECRETARIAT, scope: 'cu:edit' },
  launchRound: { roles: SECRETARIAT, scope: 'round:launch' },
  extendRound: { roles: SECRETARIAT, scope: 'round:extend' },
  moveNationalDeadline: { roles: SECRETARIAT, scope: 'cu:deadline' },
  withdrawCu: { roles: SECRETARIAT, scope: 'cu:withdraw' },
  closeReporting: { roles: SECRETARIAT, scope: 'round:close' },
  changeRoundContacts: { roles: SECRETARIAT, scope: 'contacts:write' },
  resendToMunicipality: { roles: SECRETARIAT, scope: 'municipality:remind' },
  reopenMunicipality: { roles: SECRETARIAT, scope: 'municipality:reopen' },
  startRenewedTreatment: { roles: SECRETARIAT, scope: 'cu:renew' },
  // The report and its approval (a step's own members may record its decision: see recordedBy)
  editReport: { roles: SECRETARIAT, scope: 'report:edit' },
  sendForApproval: { roles: SECRETARIAT, scope: 'approval:send' },
  recordStepDecision: { roles: ['director', 'secretariat'], scope: 'step:decide' },
  recordCouncilDecision: { roles: ['secretariat', 'municipality', 'region'], scope: 'council:decide' },
  extendCouncilDeadline: { roles: SECRETARIAT, scope: 'council:deadline' },
  submitReport: { roles: SECRETARIAT, scope: 'report:submit' },
  // A municipality's answer
  saveDraft: { roles: ['municipality', 'secretariat'], scope: 'answer:write' },
  submitAnswer: { roles: ['municipality', 'secretariat'], scope: 'answer:write' },
  extendDeadline: { roles: SECRETARIAT, scope: 'municipality:extend' },
  requestRevision: { roles: SECRETARIAT, scope: 'municipality:revision' },
  excuseMunicipality: { roles: SECRETARIAT, scope: 'municipality:excuse' },
  // Reads
  readCu: { roles: ['secretariat', 'director'], scope: 'read' },
  listCus: { roles: ['secretariat', 'director'], scope: 'read' },
  readMunicipality: { roles: ['secretariat', 'municipality'], scope: 'read' },
  readReport: { roles: ['secretariat', 'director'], scope: 'read' },
  readAnswers: { roles: SECRETARIAT, scope: 'read' },
  readAudit: { roles: SECRETARIAT, scope: 'read' },
  /** The approved report, for a council's treatment. */
  readCouncilReport: { roles: ['secretariat', 'municipality', 'region'], scope: 'read' },
  /** A party's own page: its municipality's (or Regionsrådet's) view of the CU. */
  readOwnCu: { roles: ['secretariat', 'municipality', 'region'] },
  /** Whether Temporal and the record agree (ids, codes and phases only). */
  checkAgreement: { roles: SECRETARIAT, scope: 'read' },
  repairAgreement: { roles: SECRETARIAT },
  // Templates of rounds
  readTemplates: { roles: SECRETARIAT, scope: 'read' },
  writeTemplates: { roles: SECRETARIAT, scope: 'template:write' },
  readSchedules: { roles: SECRETARIAT, scope: 'read' },
  writeSchedules: { roles: SECRETARIAT, scope: 'schedule:write' },
  // The contact register and mail
  readContacts: { roles: SECRETARIAT, scope: 'read' },
  writeContacts: { roles: SECRETARIAT, scope: 'contacts:write' },
  readOutbox: { roles: SECRETARIAT, scope: 'read' },
  // Access administration: people only, never a key
  me: { roles: EVERYONE, scope: 'read' },
  ownSessions: { roles: EVERYONE },
  /** A person's own calendar feed of deadlines and meetings. */
  ownCalendar: { roles: EVERYONE },
  administerAccess: { roles: SECRETARIAT },
  personalData: { roles: SECRETARIAT },
  readEvents: { roles: ['secretariat', 'director'], scope: 'events:read' },
  manageWebhooks: { roles: SECRETARIAT, scope: 'webhooks:manage' },
  readMeetings: { roles: ['secretariat', 'director'], scope: 'read' },
  writeMeetings: { roles: SECRETARIAT, scope: 'meetings:write' },
  /** Each role finds what it may read (domain/search.ts). */
  search: { roles: EVERYONE, scope: 'read' },
} as const satisfies Record<string, Access>;

export type Operation = keyof typeof POLICY;

/** What an operation is about, for callers whose access is scoped to one CU and party. */
export interface Target {
  cuId?: string;
  code?: string;
  council?: string;
}

/** Refuses a caller the table does not allow, or whose link does not reach the target. */
export function allow(caller: Caller, operation: Operation, target: Target = {}): void {
  const access: Access = POLICY[operation];
  if (!access.roles.includes(caller.role)) throw forbidden();
  if (caller.via === 'key' && !(access.scope && caller.scopes?.includes(access.scope))) {
    throw forbidden(
      access.scope ? `Integrationsnøglen mangler tilladelsen "${access.scope}"` : 'Integrationsnøgler kan ikke bruge denne adresse',
    );
  }
  if (target.cuId !== undefined && !withinScope(caller, target)) {
    throw forbidden(
      caller.role === 'region'
        ? 'Dit link giver kun adgang til regionsrådets behandling af denne udmelding'
        : 'Dit link giver kun adgang til din egen kommunes besvarelse',
    );
  }
}
