// What fails CI in `npm audit --omit=dev`: high and critical advisories, unless allowed with a reason and a date.
import { expect, test } from 'vitest';
import { judgeAudit, type AuditReport } from '../../scripts/audit/policy';

const report: AuditReport = {
  vulnerabilities: {
    busboy: {
      name: 'busboy',
      severity: 'high',
      via: [{ source: 1, title: 'Denial of service', url: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc', severity: 'high' }],
    },
    express: { name: 'express', severity: 'high', via: ['busboy'] },
    kysely: {
      name: 'kysely',
      severity: 'moderate',
      via: [{ source: 2, title: 'Minor', url: 'https://github.com/advisories/GHSA-dddd-eeee-ffff', severity: 'moderate' }],
    },
    pg: {
      name: 'pg',
      severity: 'critical',
      via: [{ source: 3, title: 'Injection', url: 'https://github.com/advisories/GHSA-gggg-hhhh-iiii', severity: 'critical' }],
    },
  },
};

test('high and critical advisories fail; moderate ones and transitive mentions do not count twice', () => {
  const { failing } = judgeAudit(report, [], '2026-12-02');
  expect(failing.map((f) => `${f.id} ${f.package}`).sort()).toEqual(['GHSA-aaaa-bbbb-cccc busboy', 'GHSA-gggg-hhhh-iiii pg']);
});

test('an allowance needs a reason and holds until its date', () => {
  const why = 'Only reached with uploads, which are limited to 20 MB before busboy parses them.';
  const allowed = judgeAudit(report, [{ id: 'GHSA-aaaa-bbbb-cccc', why, until: '2027-01-01' }], '2026-12-02');
  expect(allowed.failing.map((f) => f.id)).toEqual(['GHSA-gggg-hhhh-iiii']);
  expect(allowed.allowed.map((f) => f.id)).toEqual(['GHSA-aaaa-bbbb-cccc']);
  const expired = judgeAudit(report, [{ id: 'GHSA-aaaa-bbbb-cccc', why, until: '2026-12-01' }], '2026-12-02');
  expect(expired.failing).toHaveLength(2);
  expect(expired.stale).toHaveLength(1);
  const unexplained = judgeAudit(report, [{ id: 'GHSA-aaaa-bbbb-cccc', why: 'ok', until: '2027-01-01' }], '2026-12-02');
  expect(unexplained.failing).toHaveLength(2);
});
