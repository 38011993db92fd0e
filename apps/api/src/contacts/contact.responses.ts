import { toOpenApiSchema } from '@tideway/server';
import { z } from 'zod';

/** Response shapes for OpenAPI only: the services' return types are what the compiler checks. */
export const contactResponse = z.object({
  id: z.uuid(),
  email: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  phone: z.string().nullable(),
  fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  tags: z.array(z.string()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const CONTACT = toOpenApiSchema(contactResponse);

export const CONTACT_PAGE = toOpenApiSchema(
  z.object({
    data: z.array(contactResponse),
    nextCursor: z.string().nullable(),
    total: z.number().int(),
  }),
);

export const IMPORT_RESULT = toOpenApiSchema(
  z.object({
    created: z.number().int(),
    updated: z.number().int(),
    failed: z.array(
      z.object({
        row: z.number().int().describe('1-based data row number; the header row is not counted'),
        message: z.string(),
      }),
    ),
    failedTotal: z.number().int().describe('All failed rows; `failed` lists the first 1000'),
  }),
);
