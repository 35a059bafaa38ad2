// Which advisories of `npm audit --omit=dev --json` fail CI: every high or critical one, unless the
// allowlist (audit-allowlist.json) names it with why it is not exploitable here, until a date to look again.
export interface AuditReport {
  vulnerabilities?: Record<
    string,
    { name: string; severity: string; via: (string | { source?: number; title?: string; url?: string; severity?: string })[] }
  >;
}

export interface Allowance {
  id: string;
  why: string;
  /** Looked at again by then; after it the advisory fails CI again. */
  until: string;
}

export interface Finding {
  id: string;
  package: string;
  severity: string;
  title: string;
}

const SERIOUS = new Set(['high', 'critical']);

export function judgeAudit(
  report: AuditReport,
  allowlist: Allowance[],
  today: string,
): { failing: Finding[]; allowed: Finding[]; stale: Allowance[] } {
  const findings = new Map<string, Finding>();
  for (const v of Object.values(report.vulnerabilities ?? {}))
    for (const via of v.via) {
      if (typeof via === 'string' || !SERIOUS.has(via.severity ?? v.severity)) continue;
      const id = via.url?.split('/').pop() ?? String(via.source ?? 'ukendt');
      findings.set(`${id}:${v.name}`, { id, package: v.name, severity: via.severity ?? v.severity, title: via.title ?? '' });
    }
  const valid = allowlist.filter((a) => a.why.trim().length >= 20 && a.until >= today);
  const allowedIds = new Set(valid.map((a) => a.id));
  const all = [...findings.values()];
  return {
    failing: all.filter((f) => !allowedIds.has(f.id)),
    allowed: all.filter((f) => allowedIds.has(f.id)),
    stale: allowlist.filter((a) => !valid.includes(a)),
  };
}
