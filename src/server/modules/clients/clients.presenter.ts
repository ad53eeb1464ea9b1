import type { Actor } from '../../context';
import { clientAbilities } from '../../policies/client.policy';
import type { ClientDto } from '../../../shared/clients';
import type { ClientWithTeam } from './clients.service';

export function presentClient(actor: Actor, { client, team }: ClientWithTeam): ClientDto {
  const contacts = client.contacts;
  return {
    id: client.id,
    name: client.name,
    legalName: client.legalName,
    timeZone: client.timeZone,
    fiscalYearEnd: client.fiscalYearEnd,
    contacts: contacts.map((c) => ({ name: c.name, email: c.email, ...(c.phone ? { phone: c.phone } : {}), ...(c.title ? { title: c.title } : {}) })),
    status: client.status,
    version: client.version,
    createdAt: client.createdAt.toISOString(),
    updatedAt: client.updatedAt.toISOString(),
    team: team.map((m) => ({ userId: m.userId, name: m.name, role: m.role })),
    abilities: clientAbilities(actor, client),
  };
}
