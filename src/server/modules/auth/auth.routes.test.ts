import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient, buildFirm, buildUser, auditEventsOf, TEST_PASSWORD } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import { totpCodeAt } from './totp';
import { CSRF_COOKIE, SESSION_COOKIE } from './authentication';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

function cookiesOf(res: { cookies: Array<{ name: string; value: string }> }): Record<string, string> {
  return Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
}

describe('POST /api/session', () => {
  it('signs in, sets an HttpOnly SameSite session cookie and records the sign-in', async () => {
    const firm = await buildFirm(t.db);
    const { user } = await buildUser(t.db, firm, { role: 'preparer' });

    const res = await t.anon.post('/session', { email: user.email.toUpperCase(), password: TEST_PASSWORD });

    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { id: user.id, role: 'preparer' }, mustEnrolMfa: false });
    const session = res.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(Buffer.from(session!.value, 'base64url').length).toBeGreaterThanOrEqual(16); // ≥128 bits
    expect((await auditEventsOf(t.db, firm.id, 'session.signed_in')).at(-1)).toMatchObject({ actorId: user.id });
  });

  it('rotates the token at every sign-in and revokes the session the browser held', async () => {
    const firm = await buildFirm(t.db);
    const { user } = await buildUser(t.db, firm, { role: 'reviewer' });
    const first = cookiesOf(await t.anon.post('/session', { email: user.email, password: TEST_PASSWORD }));
    const second = await t.withCookies(first).post('/session', { email: user.email, password: TEST_PASSWORD });
    const secondCookies = cookiesOf(second);

    expect(secondCookies[SESSION_COOKIE]).not.toBe(first[SESSION_COOKIE]);
    expect((await t.withCookies(first).get('/session')).statusCode).toBe(401);
    expect((await t.withCookies(secondCookies).get('/session')).statusCode).toBe(200);
  });

  it('answers an unknown e-mail exactly like a wrong password', async () => {
    const firm = await buildFirm(t.db);
    const { user } = await buildUser(t.db, firm, { role: 'preparer' });

    const wrongPassword = await t.anon.post('/session', { email: user.email, password: 'not the password at all' });
    const unknownEmail = await t.anon.post('/session', { email: 'nobody-here@test.example', password: 'not the password at all' });

    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownEmail.statusCode).toBe(401);
    expect(unknownEmail.json()).toEqual(wrongPassword.json());
  });

  it('locks an account after five failures, with a clear message, and lets nobody in meanwhile', async () => {
    const firm = await buildFirm(t.db);
    const { user } = await buildUser(t.db, firm, { role: 'preparer' });
    for (let i = 0; i < 5; i++) {
      expect((await t.anon.post('/session', { email: user.email, password: `wrong password ${i}` }, { 'x-forwarded-for': `10.0.0.${i}` })).statusCode).toBe(401);
    }

    const res = await t.anon.post('/session', { email: user.email, password: TEST_PASSWORD });

    expect(res.statusCode).toBe(429);
    expect(res.json()).toMatchObject({ code: 'account_locked' });
    expect(res.json().detail).toMatch(/Try again in \d+ minutes/);
    expect(await auditEventsOf(t.db, firm.id, 'session.locked_out')).toHaveLength(1);
    t.clock.advance(16 * 60_000);
    expect((await t.anon.post('/session', { email: user.email, password: TEST_PASSWORD })).statusCode).toBe(200);
    t.clock.advance(-16 * 60_000);
  });

  it('locks an unknown e-mail the same way as a real one', async () => {
    for (let i = 0; i < 5; i++) {
      await t.anon.post('/session', { email: 'ghost@test.example', password: `wrong password ${i}` });
    }
    const res = await t.anon.post('/session', { email: 'ghost@test.example', password: 'whatever it is' });
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('account_locked');
  });

  it('refuses a deactivated person with the generic message', async () => {
    const firm = await buildFirm(t.db);
    const { user } = await buildUser(t.db, firm, { role: 'preparer', status: 'deactivated' });
    const res = await t.anon.post('/session', { email: user.email, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('invalid_credentials');
  });

  it('asks for the TOTP code when MFA is on, accepts it once, and refuses it a second time', async () => {
    const firm = await buildFirm(t.db);
    const { user, mfaSecret } = await buildUser(t.db, firm, { role: 'reviewer', mfa: true });

    const withoutCode = await t.anon.post('/session', { email: user.email, password: TEST_PASSWORD });
    expect(withoutCode.statusCode).toBe(401);
    expect(withoutCode.json().code).toBe('mfa_required');

    const code = totpCodeAt(mfaSecret!, t.clock.now());
    expect((await t.anon.post('/session', { email: user.email, password: TEST_PASSWORD, totp: code })).statusCode).toBe(200);
    const replay = await t.anon.post('/session', { email: user.email, password: TEST_PASSWORD, totp: code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('invalid_totp');
  });

  it('accepts a code from the previous 30-second step but not from two steps ago', async () => {
    const firm = await buildFirm(t.db);
    const { user, mfaSecret } = await buildUser(t.db, firm, { role: 'reviewer', mfa: true });
    const now = t.clock.now();
    const stale = totpCodeAt(mfaSecret!, new Date(now.getTime() - 65_000));
    const previous = totpCodeAt(mfaSecret!, new Date(now.getTime() - 30_000));
    expect((await t.anon.post('/session', { email: user.email, password: TEST_PASSWORD, totp: stale })).statusCode).toBe(401);
    expect((await t.anon.post('/session', { email: user.email, password: TEST_PASSWORD, totp: previous })).statusCode).toBe(200);
  });

  it('refuses malformed JSON, wrong types and unknown fields with a problem document', async () => {
    const malformed = await t.anon.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(malformed.json()).toMatchObject({ status: 400, code: 'malformed_json' });

    const wrongType = await t.anon.post('/session', { email: 42, password: 'x' });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().errors[0].path).toBe('body.email');

    const unknownField = await t.anon.post('/session', { email: 'a@b.example', password: 'x', admin: true });
    expect(unknownField.statusCode).toBe(400);

    const form = await t.anon.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'text/plain' }, payload: 'email=a' });
    expect(form.statusCode).toBe(415);

    const huge = await t.anon.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: 'a@b.example', password: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(huge.statusCode).toBe(413);
  });
});

describe('sessions', () => {
  it('refuses a state-changing request without the CSRF token', async () => {
    const firm = await buildFirm(t.db);
    const { user } = await buildUser(t.db, firm, { role: 'admin' });
    const signedIn = await t.anon.post('/session', { email: user.email, password: TEST_PASSWORD });
    const cookies = cookiesOf(signedIn);

    const withoutToken = await t.withCookies(cookies).post('/clients', { name: 'X', legalName: 'X', timeZone: 'UTC', fiscalYearEnd: '12-31', contacts: [] });
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json().code).toBe('csrf_failed');
    const withToken = await t.withCookies(cookies, cookies[CSRF_COOKIE]).post('/clients', { name: 'CSRF Co', legalName: 'CSRF Co LLC', timeZone: 'UTC', fiscalYearEnd: '12-31', contacts: [] });
    expect(withToken.statusCode).toBe(201);
  });

  it('refuses requests from another origin', async () => {
    const firm = await buildFirm(t.db);
    const { user } = await buildUser(t.db, firm, { role: 'preparer' });
    const res = await t.anon.post('/session', { email: user.email, password: TEST_PASSWORD }, { origin: 'https://evil.example' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('cross_origin');
  });

  it('ends a session after the idle timeout', async () => {
    const firm = await buildFirm(t.db);
    const { user } = await buildUser(t.db, firm, { role: 'preparer' });
    const client = await t.as(user);
    expect((await client.get('/session')).statusCode).toBe(200);
    t.clock.advance(61 * 60_000);
    try {
      expect((await client.get('/session')).statusCode).toBe(401);
    } finally {
      t.clock.advance(-61 * 60_000);
    }
  });

  it('signs out server-side: the old cookie stops working', async () => {
    const firm = await buildFirm(t.db);
    const { user } = await buildUser(t.db, firm, { role: 'preparer' });
    const client = await t.as(user);
    expect((await client.delete('/session')).statusCode).toBe(204);
    expect((await client.get('/session')).statusCode).toBe(401);
    expect((await auditEventsOf(t.db, firm.id, 'session.signed_out')).length).toBe(1);
  });

  it('sends security headers', async () => {
    const res = await t.anon.get('/health');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
  });
});

describe('MFA enrolment', () => {
  it('lets a person who must enrol do only that, then issues single-use recovery codes', async () => {
    const firm = await buildFirm(t.db, { mfaRequiredRoles: ['reviewer'] });
    const client = await buildClient(t.db, firm);
    const { user } = await buildUser(t.db, firm, { role: 'reviewer', clients: [client] });
    const signedIn = await t.anon.post('/session', { email: user.email, password: TEST_PASSWORD });
    expect(signedIn.json().mustEnrolMfa).toBe(true);
    const http = t.withCookies(cookiesOf(signedIn), signedIn.json().csrfToken);

    expect((await http.get('/clients')).json().code).toBe('mfa_enrolment_required');
    const enrolment = await http.post('/session/mfa/enrolment');
    expect(enrolment.statusCode).toBe(200);
    expect(enrolment.json().qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    const wrong = await http.post('/session/mfa/confirmation', { code: '000000' });
    expect(wrong.statusCode).toBe(400);
    const confirmed = await http.post('/session/mfa/confirmation', { code: totpCodeAt(enrolment.json().secret, t.clock.now()) });
    expect(confirmed.statusCode).toBe(200);
    const codes: string[] = confirmed.json().recoveryCodes;
    expect(codes).toHaveLength(10);
    expect((await http.get('/clients')).statusCode).toBe(200);

    const viaRecovery = await t.anon.post('/session', { email: user.email, password: TEST_PASSWORD, recoveryCode: codes[0] });
    expect(viaRecovery.statusCode).toBe(200);
    const again = await t.anon.post('/session', { email: user.email, password: TEST_PASSWORD, recoveryCode: codes[0] });
    expect(again.statusCode).toBe(401);
    expect((await auditEventsOf(t.db, firm.id, 'user.mfa_enrolled')).length).toBe(1);
  });
});

describe('POST /api/session/password', () => {
  it('changes the password, enforces the rules and revokes the other sessions', async () => {
    const firm = await buildFirm(t.db);
    const { user } = await buildUser(t.db, firm, { role: 'preparer' });
    const here = await t.as(user);
    const elsewhere = await t.as(user);

    const weak = await here.post('/session/password', { currentPassword: TEST_PASSWORD, newPassword: 'password123' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].path).toBe('newPassword');
    const wrongCurrent = await here.post('/session/password', { currentPassword: 'not it at all', newPassword: 'a new and long passphrase' });
    expect(wrongCurrent.statusCode).toBe(401);

    expect((await here.post('/session/password', { currentPassword: TEST_PASSWORD, newPassword: 'a new and long passphrase' })).statusCode).toBe(204);
    expect((await here.get('/session')).statusCode).toBe(200);
    expect((await elsewhere.get('/session')).statusCode).toBe(401);
    expect((await t.anon.post('/session', { email: user.email, password: 'a new and long passphrase' })).statusCode).toBe(200);
  });
});
