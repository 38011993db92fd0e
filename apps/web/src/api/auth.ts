import { apiRequest } from './client';

export type Role = 'owner' | 'admin' | 'editor' | 'viewer';
export const ROLES: readonly Role[] = ['owner', 'admin', 'editor', 'viewer'];

export interface SessionUser {
  id: string;
  email: string;
}

export interface Workspace {
  id: string;
  name: string;
}

export interface WorkspaceMembership extends Workspace {
  role: Role;
}

export interface SignInResult {
  user: SessionUser;
  workspace: Workspace;
  role: Role;
  scopes: string[];
  csrfToken: string;
}

export interface Session extends SignInResult {
  workspaces: WorkspaceMembership[];
}

export interface Credentials {
  email: string;
  password: string;
}

export interface OwnerSetup extends Credentials {
  workspaceName: string;
}

const AUTH = '/api/v1/auth';

export const fetchSetupStatus = (signal?: AbortSignal) =>
  apiRequest<{ needsSetup: boolean }>('GET', `${AUTH}/setup`, { signal });

export const createOwner = (setup: OwnerSetup) => apiRequest<SignInResult | undefined>('POST', `${AUTH}/setup`, { json: setup });

export const logIn = (credentials: Credentials) => apiRequest<SignInResult>('POST', `${AUTH}/login`, { json: credentials });

export const logOut = () => apiRequest<void>('POST', `${AUTH}/logout`);

export const fetchSession = (signal?: AbortSignal) => apiRequest<Session>('GET', `${AUTH}/me`, { signal });

export const switchWorkspace = (workspaceId: string) =>
  apiRequest<unknown>('POST', `${AUTH}/workspace`, { json: { workspaceId } });

export const changePassword = (currentPassword: string, newPassword: string) =>
  apiRequest<void>('POST', `${AUTH}/password`, { json: { currentPassword, newPassword } });
