import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { Env } from '../server/env';
import { openConfiguredDatabase } from '../server/main';
import { migrateToLatest } from '../server/db/migrate';
import { systemContext } from '../server/context';
import { recordAudit } from '../server/audit/record-audit';
import { hashPassword } from '../server/modules/auth/passwords';
import { checkPassword, contextWordsFor } from '../domain/identity/password-rules';
import { EmailSchema, NameSchema, RoleSchema } from '../shared/common';
import { DEFAULT_FIRM_SETTINGS } from '../shared/firm';
import { newId } from '../server/ids';

/**
 * `tickmark user create`: adds a person to a firm from the command line (first admin of a new
 * firm, or a break-glass account). Creates the firm when it does not exist yet.
 */
export async function createUserFromCli(env: Env, args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { firm: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, password: { type: 'string' } },
  });
  if (positionals[0] !== 'create') {
    process.stderr.write('Usage: tickmark user create --firm NAME --email E --name N --role R [--password P]\n');
    return 2;
  }
  const email = EmailSchema.safeParse(values.email ?? '');
  const name = NameSchema.safeParse(values.name ?? '');
  const role = RoleSchema.safeParse(values.role ?? '');
  const firmName = NameSchema.safeParse(values.firm ?? '');
  const password = values.password ?? process.env.TICKMARK_PASSWORD ?? '';
  const bad = [!email.success && '--email must be an e-mail address', !name.success && '--name is required', !role.success && `--role must be one of ${RoleSchema.options.join(', ')}`, !firmName.success && '--firm is required'].filter(Boolean);
  if (bad.length > 0 || !email.success || !name.success || !role.success || !firmName.success) {
    process.stderr.write(`tickmark user create: ${bad.join('; ')}\n`);
    return 2;
  }
  const problems = checkPassword(password, { hasMfa: false, contextWords: contextWordsFor(email.data, name.data, firmName.data) });
  if (problems.length > 0) {
    process.stderr.write(`tickmark user create: password: ${problems.join(' ')}\n`);
    return 2;
  }
  const database = await openConfiguredDatabase(env);
  try {
    await migrateToLatest(database.db);
    const ctx = systemContext(database.db);
    const passwordHash = await hashPassword(password);
    await database.db.transaction().execute(async (trx) => {
      const taken = await trx.selectFrom('users').select('id').where(sql<string>`lower(email)`, '=', email.data).executeTakeFirst();
      if (taken) {
        throw new Error(`somebody already has an account with ${email.data}`);
      }
      let firm = await trx.selectFrom('firms').select('id').where('name', '=', firmName.data).executeTakeFirst();
      if (!firm) {
        firm = { id: newId() };
        await trx.insertInto('firms').values({ id: firm.id, name: firmName.data, settings: JSON.stringify(DEFAULT_FIRM_SETTINGS) }).execute();
        await recordAudit(trx, ctx, firm.id, { type: 'firm.created', subjectType: 'firm', data: { name: firmName.data, demo: false } }, { id: firm.id });
      }
      const id = newId();
      await trx
        .insertInto('users')
        .values({ id, firmId: firm.id, email: email.data, name: name.data, role: role.data, passwordHash, passwordChangedAt: ctx.now(), mfaSecret: null, mfaPendingSecret: null, mfaEnabledAt: null, mfaLastStep: null, lockedUntil: null, lastSignInAt: null })
        .execute();
      await recordAudit(trx, ctx, firm.id, { type: 'user.created', subjectType: 'user', data: { email: email.data, role: role.data, via: 'cli' } }, { id });
    });
    process.stdout.write(`Created ${role.data} ${email.data} in ${firmName.data}.\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`tickmark user create: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  } finally {
    await database.close();
  }
}
