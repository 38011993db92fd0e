import { apiRequest } from './client';

export type TemplateContentType = 'form' | 'json' | 'text' | 'url' | 'header';

export interface PreviewContact {
  email?: string;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  fields?: Record<string, unknown>;
  tags?: string[];
}

/** Renders a merge-field template for a contact, encoded for its target; 422 names an unknown merge field. */
export const previewTemplate = (
  input: { template: string; contentType: TemplateContentType; campaignName?: string } & ({ contactId: string } | { contact: PreviewContact }),
  signal?: AbortSignal,
) => apiRequest<{ body: string; mergeFields: string[] }>('POST', '/api/v1/templates/preview', { json: input, signal });
