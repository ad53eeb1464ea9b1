import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { FirmDtoSchema, UpdateFirmSettingsBodySchema } from '../../../shared/firm';
import { HomeDtoSchema } from '../../../shared/home';
import { getFirm, getHome, updateFirmSettings } from './firm.service';

const tags = ['firm'];

export const firmRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/firm', { config: { policy: 'firm.read' }, schema: { tags, summary: 'Your firm and its settings', response: { 200: FirmDtoSchema } } }, async (request) => getFirm(request.ctx));

  app.put(
    '/firm/settings',
    { config: { policy: 'firm.manageSettings' }, schema: { tags, summary: 'Change firm settings (send the version you read)', body: UpdateFirmSettingsBodySchema, response: { 200: FirmDtoSchema } } },
    async (request) => updateFirmSettings(request.ctx, request.body),
  );

  app.get('/home', { config: { policy: 'firm.read' }, schema: { tags, summary: 'Your clients and what is waiting for you', response: { 200: HomeDtoSchema } } }, async (request) => getHome(request.ctx));
};
