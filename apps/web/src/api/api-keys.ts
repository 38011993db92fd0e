import { apiRequest } from './client';

export type Scope =
  | 'contacts:read'
  | 'contacts:write'
  | 'campaigns:read'
  | 'campaigns:write'
  | 'hooks:read'
  | 'hooks:write'
  | 'admin';

export const SCOPES: readonly Scope[] = [
  'contacts:read',
  'contacts:write',
  'campaigns:read',
  'campaigns:write',
  'hooks:read',
  'hooks:write',
  'admin',
];

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
}

/** The only answer that carries the full key; it is never returned again. */
export interface CreatedApiKey extends Partial<ApiKey> {
  id: string;
  name: string;
  scopes: string[];
  key: string;
}

const API_KEYS = '/api/v1/api-keys';

export const listApiKeys = (signal?: AbortSignal) =>
  apiRequest<{ data: ApiKey[] }>('GET', API_KEYS, { signal }).then((answer) => answer.data);

export const createApiKey = (name: string, scopes: Scope[]) =>
  apiRequest<CreatedApiKey>('POST', API_KEYS, { json: { name, scopes } });

export const deleteApiKey = (id: string) => apiRequest<void>('DELETE', `${API_KEYS}/${encodeURIComponent(id)}`);
