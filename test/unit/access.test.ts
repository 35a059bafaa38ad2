// The pure parts of access: claims to roles, who counts as the same person, bearer secrets, the
// sealed sign-in cookie and the return address after sign-in.
import { expect, test } from 'vitest';
import { seal, unseal } from '../../crypto/sealed';
import { issueSecret, parseSecret, secretMatches } from '../../crypto/secrets';
import { safeReturn } from '../../auth/sign-in';
import { generateSigningKeys, parseSigningKeys, signToken, verifyToken } from '../../crypto/tokens';
import { withinScope, type Caller } from '../../domain/people';
import { REGION_COUNCIL } from '../../domain/commands';
import { actorIdentity } from '../../domain/actors';
import { claimValues, roleFromClaims, samePerson } from '../../domain/people';

const mapping = { roleClaim: 'groups', secretariat: ['udmeld-sekretariat'], director: ['udmeld-direktoer', 'socialdirektoer'] };

test('claims give a role: the secretariat wins, lists come in every shape, no match is refused', () => {
  expect(roleFromClaims({ groups: ['x', 'udmeld-direktoer'] }, mapping)).toEqual({ role: 'director' });
  expect(roleFromClaims({ groups: 'socialdirektoer udmeld-sekretariat' }, mapping)).toEqual({ role: 'secretariat' });
  expect(roleFromClaims({ groups: 'a,udmeld-direktoer' }, mapping)).toEqual({ role: 'director' });
  expect(roleFromClaims({ groups: [] }, mapping)).toHaveProperty('refused');
  expect(roleFromClaims({}, mapping)).toHaveProperty('refused');
  expect(roleFromClaims({ groups: { udmeld: 'udmeld-sekretariat' } }, mapping)).toHaveProperty('refused');
  expect(claimValues([1, 'a', null, { b: 1 }])).toEqual(['1', 'a']);
});

test('an organisation claim, when required, must name one of the organisations', () => {
  const withOrg = { ...mapping, organisationClaim: 'cvr', organisations: ['11111111'] };
  expect(roleFromClaims({ groups: ['udmeld-sekretariat'], cvr: '11111111' }, withOrg)).toEqual({ role: 'secretariat' });
  expect(roleFromClaims({ groups: ['udmeld-sekretariat'], cvr: '22222222' }, withOrg)).toEqual({
    refused: 'Din organisation har ikke adgang til udmeld.',
  });
  expect(roleFromClaims({ groups: ['udmeld-sekretariat'] }, withOrg)).toHaveProperty('refused');
});

test('a link’s person signs in as the same subject once bound, and at first by the same e-mail only', () => {
  const fresh = { email: 'Karen@Odense.dk', issuer: null, subject: null };
  expect(samePerson(fresh, { issuer: 'https://idp', subject: 's1', email: 'karen@odense.dk' })).toBe(true);
  expect(samePerson(fresh, { issuer: 'https://idp', subject: 's1', email: 'lars@odense.dk' })).toBe(false);
  expect(samePerson(fresh, { issuer: 'https://idp', subject: 's1' })).toBe(false);
  const bound = { email: 'karen@odense.dk', issuer: 'https://idp', subject: 's1' };
  expect(samePerson(bound, { issuer: 'https://idp', subject: 's1' })).toBe(true);
  expect(samePerson(bound, { issuer: 'https://idp', subject: 's2', email: 'karen@odense.dk' })).toBe(false);
});

test('bearer secrets: parsed only in their own shape, matched by hash', () => {
  const issued = issueSecret('udk');
  const parsed = parseSecret('udk', issued.token)!;
  expect(parsed.id).toBe(issued.id);
  expect(secretMatches(parsed.secret, issued.secretHash)).toBe(true);
  expect(issued.secretHash).not.toContain(parsed.secret);
  expect(secretMatches(`${parsed.secret.slice(0, -1)}A`, issued.secretHash)).toBe(parsed.secret.endsWith('A'));
  expect(parseSecret('uds', issued.token)).toBeUndefined();
  expect(parseSecret('udk', `${issued.token}x`)).toBeUndefined();
  expect(parseSecret('udk', 'udk_short_x')).toBeUndefined();
});

test('the sealed sign-in cookie can be neither read nor altered, and expires', () => {
  const keys = parseSigningKeys(generateSigningKeys('a'));
  const sealed = seal(keys, { verifier: 'v', returnTo: '/x' }, 60, 1_000_000);
  expect(sealed).not.toContain('verifier');
  expect(unseal(keys, sealed, 1_000_000)).toEqual({ verifier: 'v', returnTo: '/x' });
  expect(unseal(keys, sealed, 1_000_000 + 61_000)).toBeUndefined();
  const parts = sealed.split('.');
  parts[2] = `${parts[2]!.slice(0, -2)}AA`;
  expect(unseal(keys, parts.join('.'), 1_000_000)).toBeUndefined();
  expect(unseal(parseSigningKeys(generateSigningKeys('a')), sealed, 1_000_000)).toBeUndefined();
});

test('after sign-in only a path on this site is a place to return to', () => {
  expect(safeReturn('/kommune/cu/0461?x=1')).toBe('/kommune/cu/0461?x=1');
  for (const hostile of ['//evil.example', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)', ''])
    expect(safeReturn(hostile)).toBe('/');
});

test('the audit trail names a person by address, an integration by its key', () => {
  expect(actorIdentity({ role: 'municipality', name: 'Karen', email: 'karen@odense.dk', personId: 'p_abcdefgh12' })).toBe(
    'karen@odense.dk',
  );
  expect(actorIdentity({ role: 'secretariat', name: 'ESDH', keyId: 'abcdefgh12345678' })).toBe('integrationsnøgle abcdefgh12345678');
  expect(actorIdentity({ role: 'director', name: 'D', subject: 's1' })).toBe('id s1');
  expect(actorIdentity({ role: 'system', name: 'udmeld' })).toBe('');
});

test('a regional council link names one CU and reaches only that CU’s regional council', () => {
  const keys = parseSigningKeys(generateSigningKeys('a'));
  const claims = verifyToken(keys, signToken(keys, { role: 'region', sub: 'p_region0001', cu: 'tegnsprog' }, 60));
  expect(claims).toMatchObject({ role: 'region', sub: 'p_region0001', cu: 'tegnsprog' });
  expect(claims.m).toBeUndefined();
  const region = { role: 'region', cu: 'tegnsprog', m: REGION_COUNCIL } as Caller;
  expect(withinScope(region, { cuId: 'tegnsprog', council: REGION_COUNCIL })).toBe(true);
  expect(withinScope(region, { cuId: 'tegnsprog', council: '0461' })).toBe(false);
  expect(withinScope(region, { cuId: 'tegnsprog', code: '0461' })).toBe(false);
  expect(withinScope(region, { cuId: 'andet', council: REGION_COUNCIL })).toBe(false);
  const odense = { role: 'municipality', cu: 'tegnsprog', m: '0461' } as Caller;
  expect(withinScope(odense, { cuId: 'tegnsprog', code: '0461' })).toBe(true);
  expect(withinScope(odense, { cuId: 'tegnsprog', council: '0461' })).toBe(true);
  expect(withinScope(odense, { cuId: 'tegnsprog', council: REGION_COUNCIL })).toBe(false);
  expect(withinScope({ role: 'secretariat' } as Caller, { cuId: 'x', council: REGION_COUNCIL })).toBe(true);
});
