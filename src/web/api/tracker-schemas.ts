import { z } from 'zod';

/**
 * The answer to a task upload (`POST /tasks/:id/documents`, 201). The server declares it in its
 * documents route rather than in src/shared; this mirrors the fields the page uses. Move it to
 * src/shared when the server publishes it there.
 */
export const UploadedDocumentDtoSchema = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  uploadedAt: z.string(),
  uploadedBy: z.object({ id: z.string(), name: z.string() }),
});
export type UploadedDocumentDto = z.infer<typeof UploadedDocumentDtoSchema>;
