import { WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { toProblem } from '../../http/problems';
import { translate } from '../../app/errors';

describe('errors a caller can act on', () => {
  it('answers an Update that timed out on its way with 503 and Retry-After, never 500', () => {
    const problem = toProblem(
      translate(new WorkflowUpdateRPCTimeoutOrCancelledError('Call cancelled', { cause: new Error('deadline') }), 'Den centrale udmelding'),
    );
    expect(problem.status).toBe(503);
    expect(problem.headers['Retry-After']).toBeDefined();
    expect(problem.detail).toMatch(/Idempotency-Key/);
  });

  it('answers a dropped database connection with 503', () => {
    expect(toProblem(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })).status).toBe(503);
  });

  it('answers anything unknown with 500 and no detail of its own', () => {
    const problem = toProblem(new Error('secret internals'));
    expect(problem.status).toBe(500);
    expect(problem.detail).not.toMatch(/secret/);
  });
});
