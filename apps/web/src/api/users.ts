import type { Role } from './auth';
import { apiRequest } from './client';

export interface WorkspaceUser {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
}

export interface NewWorkspaceUser {
  email: string;
  password: string;
  role: Role;
}

const USERS = '/api/v1/users';
const userPath = (id: string) => `${USERS}/${encodeURIComponent(id)}`;

export const listUsers = (signal?: AbortSignal) =>
  apiRequest<{ data: WorkspaceUser[] }>('GET', USERS, { signal }).then((answer) => answer.data);

export const createUser = (user: NewWorkspaceUser) => apiRequest<WorkspaceUser>('POST', USERS, { json: user });

export const changeUserRole = (id: string, role: Role) =>
  apiRequest<WorkspaceUser>('PATCH', userPath(id), { json: { role } });

export const removeUser = (id: string) => apiRequest<void>('DELETE', userPath(id));
