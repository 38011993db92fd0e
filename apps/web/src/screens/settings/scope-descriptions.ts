import type { Scope } from '../../api/api-keys';

export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  'contacts:read': 'Read contacts, tags and custom fields',
  'contacts:write': 'Create, update, import and delete contacts',
  'campaigns:read': 'Read campaigns, revisions, stats and deliveries',
  'campaigns:write': 'Edit, publish and pause campaigns; enroll contacts',
  'hooks:read': 'List event hooks',
  'hooks:write': 'Subscribe and unsubscribe event hooks',
  admin: 'Everything, including users and API keys',
};
