export const ROLES = ['owner', 'admin', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = [
  'contacts:read',
  'contacts:write',
  'campaigns:read',
  'campaigns:write',
  'hooks:read',
  'hooks:write',
  'admin',
] as const;
export type Scope = (typeof SCOPES)[number];

const READ: Scope[] = ['contacts:read', 'campaigns:read', 'hooks:read'];
const WRITE: Scope[] = ['contacts:write', 'campaigns:write', 'hooks:write'];

/** What a signed-in person may do in a workspace, by role. API keys carry scopes instead. */
export const SCOPES_OF_ROLE: Readonly<Record<Role, readonly Scope[]>> = {
  owner: [...READ, ...WRITE, 'admin'],
  admin: [...READ, ...WRITE, 'admin'],
  editor: [...READ, ...WRITE],
  viewer: READ,
};
