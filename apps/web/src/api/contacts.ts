import { apiRequest } from './client';
import { type Job, RESPOND_ASYNC } from './jobs';

export type FieldValue = string | number | boolean | null;

export interface Contact {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  fields: Record<string, FieldValue>;
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

export interface ContactPage {
  data: Contact[];
  nextCursor: string | null;
  total: number;
}

export interface ContactQuery {
  search?: string;
  tag?: string;
  limit?: number;
  cursor?: string | null;
}

export interface NewContact {
  email: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  fields?: Record<string, FieldValue>;
  tags?: string[];
}

/** A cleared optional value is sent as null so the server empties it. */
export interface ContactChanges {
  email?: string;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  fields?: Record<string, FieldValue>;
}

/** An import job's `result`: the counts the synchronous import answers; its failed rows are the job's error samples. */
export interface ImportJobResult {
  created: number;
  updated: number;
  failedTotal: number;
}

const CONTACTS = '/api/v1/contacts';
const contactPath = (id: string) => `${CONTACTS}/${encodeURIComponent(id)}`;

export const listContacts = (query: ContactQuery, signal?: AbortSignal) =>
  apiRequest<ContactPage>('GET', CONTACTS, { query: { ...query }, signal });

export const createContact = (contact: NewContact) =>
  apiRequest<Contact>('POST', CONTACTS, { json: contact });

export const fetchContact = (id: string, signal?: AbortSignal) =>
  apiRequest<Contact>('GET', contactPath(id), { signal });

export const updateContact = (id: string, changes: ContactChanges) =>
  apiRequest<Contact>('PATCH', contactPath(id), { json: changes });

export const deleteContact = (id: string) => apiRequest<void>('DELETE', contactPath(id));

export const addContactTag = (id: string, tag: string) =>
  apiRequest<Contact | undefined>('POST', `${contactPath(id)}/tags`, { json: { tag } });

export const removeContactTag = (id: string, tag: string) =>
  apiRequest<Contact | undefined>('DELETE', `${contactPath(id)}/tags/${encodeURIComponent(tag)}`);

/** Uploads the file and answers the job importing it, at once (the rows are written in the background). */
export const startContactImport = (file: Blob) =>
  apiRequest<{ job: Job<ImportJobResult> }>('POST', `${CONTACTS}/import`, {
    file,
    contentType: 'text/csv',
    headers: RESPOND_ASYNC,
  }).then((answer) => answer.job);

export function contactDisplayName(contact: Pick<Contact, 'firstName' | 'lastName'>): string {
  return [contact.firstName, contact.lastName].filter((part) => part && part.trim()).join(' ');
}
