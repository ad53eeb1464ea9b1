import { sql, type Kysely } from 'kysely';

const statements = [
  `create table firms (
        id uuid primary key,
        name text not null,
        settings jsonb not null,
        version integer not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`,
  `create table users (
        id uuid primary key,
        firm_id uuid not null references firms(id),
        email text not null,
        name text not null,
        role text not null check (role in ('admin','partner','reviewer','preparer','client','auditor')),
        time_zone text not null default 'UTC',
        password_hash text,
        password_changed_at timestamptz,
        mfa_secret text,
        mfa_pending_secret text,
        mfa_enabled_at timestamptz,
        mfa_last_step bigint,
        status text not null default 'active' check (status in ('active','deactivated')),
        failed_sign_ins integer not null default 0,
        locked_until timestamptz,
        last_sign_in_at timestamptz,
        version integer not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`,
  `create unique index users_email_unique on users (lower(email))`,
  `create index users_firm on users (firm_id, role)`,
  `create table mfa_recovery_codes (
        id uuid primary key,
        firm_id uuid not null references firms(id),
        user_id uuid not null references users(id),
        code_hash text not null,
        used_at timestamptz,
        created_at timestamptz not null default now()
      )`,
  `create index mfa_recovery_codes_user on mfa_recovery_codes (firm_id, user_id)`,
  `create table clients (
        id uuid primary key,
        firm_id uuid not null references firms(id),
        name text not null,
        legal_name text not null,
        time_zone text not null,
        fiscal_year_end text not null,
        contacts jsonb not null default '[]',
        status text not null default 'active' check (status in ('active','archived')),
        version integer not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`,
  `create unique index clients_firm_name on clients (firm_id, lower(name))`,
  `create table client_access (
        firm_id uuid not null references firms(id),
        user_id uuid not null references users(id),
        client_id uuid not null references clients(id),
        expires_at timestamptz,
        granted_by uuid references users(id),
        created_at timestamptz not null default now(),
        primary key (firm_id, user_id, client_id)
      )`,
  `create index client_access_client on client_access (firm_id, client_id)`,
  `create table invitations (
        id uuid primary key,
        firm_id uuid not null references firms(id),
        email text not null,
        name text not null,
        role text not null,
        client_ids jsonb not null default '[]',
        access_expires_at timestamptz,
        token_hash text not null unique,
        invited_by uuid not null references users(id),
        expires_at timestamptz not null,
        accepted_at timestamptz,
        accepted_user_id uuid references users(id),
        revoked_at timestamptz,
        version integer not null default 1,
        created_at timestamptz not null default now()
      )`,
  `create index invitations_firm on invitations (firm_id, created_at)`,
  `create table sessions (
        id uuid primary key,
        firm_id uuid not null references firms(id),
        user_id uuid not null references users(id),
        token_hash text not null unique,
        csrf_token text not null,
        created_at timestamptz not null,
        last_seen_at timestamptz not null,
        expires_at timestamptz not null,
        revoked_at timestamptz,
        revoked_reason text,
        ip text,
        user_agent text
      )`,
  `create index sessions_user on sessions (firm_id, user_id)`,
  `create table sign_in_throttles (
        key text primary key,
        failures integer not null,
        window_started_at timestamptz not null,
        locked_until timestamptz
      )`,
];

/** Firms, people and their access to clients: the frame every tenant table hangs from. */
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
