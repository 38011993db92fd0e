import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FieldDefinition } from '@tideway/templates';
import { compileTemplate, isTemplateError } from '@tideway/templates';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { loadEngineContact } from '../engine/contact-state';
import { ApiError } from '../http/api-error';

export const templatePreviewSchema = z
  .strictObject({
    template: z.string().max(64 * 1024),
    contentType: z.enum(['form', 'json', 'text', 'url', 'header']).default('text'),
    contactId: z.uuid().optional(),
    contact: z
      .strictObject({
        email: z.string().max(320).optional(),
        firstName: z.string().max(200).nullish(),
        lastName: z.string().max(200).nullish(),
        phone: z.string().max(50).nullish(),
        fields: z.record(z.string(), z.unknown()).optional(),
        tags: z.array(z.string()).max(100).optional(),
      })
      .optional(),
    campaignName: z.string().max(200).optional(),
  })
  .refine((input) => !(input.contactId && input.contact), { message: 'Give contactId or contact, not both', path: ['contact'] });
export type TemplatePreviewInput = z.output<typeof templatePreviewSchema>;

/** Renders a template for a contact exactly as a step would, encoded for its target. */
@Injectable()
export class TemplatePreviewService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async preview(workspaceId: string, input: TemplatePreviewInput): Promise<{ body: string; mergeFields: readonly string[] }> {
    const fields: FieldDefinition[] = await this.db.query(`SELECT key, label, type FROM fields WHERE workspace_id = $1`, [workspaceId]);
    let contact = input.contact ? { id: 'preview', email: '', ...input.contact } : null;
    if (input.contactId) {
      const [owned] = await this.db.query(`SELECT id FROM contacts WHERE id = $1 AND workspace_id = $2`, [input.contactId, workspaceId]);
      const loaded = owned ? await loadEngineContact(this.db.manager, input.contactId) : null;
      if (!loaded) throw ApiError.notFound('Contact');
      contact = loaded;
    }
    try {
      const compiled = compileTemplate(input.template, { fields, target: input.contentType });
      return {
        body: compiled.render({ contact, campaign: { name: input.campaignName ?? 'Preview' } }),
        mergeFields: compiled.mergeFields,
      };
    } catch (error) {
      if (!isTemplateError(error)) throw error;
      // The message already names the merge field and its line and column.
      throw ApiError.validation([{ path: 'template', message: error.message }], error.message);
    }
  }
}
