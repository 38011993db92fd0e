import type { FurnishedWorkspace } from './furnished-workspace';

/**
 * A valid request body for every route that takes JSON, naming the things of
 * `ws` (so a route gets past validation to the lookup), keyed like
 * Operation.key. Each call answers fresh values where a route wants unique
 * ones (emails, field keys). Specs that walk every route fail on a JSON route
 * missing here.
 */
let counter = 0;
const unique = () => `${Date.now().toString(36)}x${++counter}`;

/** [start: manual] -> [tag: add "fresh"] -> [end] */
export function aSmallGraph() {
  return {
    nodes: [
      { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, data: { config: {} } },
      {
        id: 'tag',
        type: 'action.addTag',
        position: { x: 200, y: 0 },
        data: { config: { tag: 'fresh' } },
      },
      { id: 'end', type: 'end', position: { x: 400, y: 0 }, data: { config: {} } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'tag' },
      { id: 'e2', source: 'tag', target: 'end' },
    ],
  };
}

export const EXAMPLE_BODIES: Record<string, (ws: FurnishedWorkspace) => unknown> = {
  'POST /api/v1/auth/setup': () => ({
    email: `setup-${unique()}@example.test`,
    password: 'a long enough password',
    workspaceName: 'Another',
  }),
  'POST /api/v1/auth/login': () => ({
    email: `nobody-${unique()}@example.test`,
    password: 'not the password',
  }),
  'POST /api/v1/auth/workspace': (ws) => ({ workspaceId: ws.workspaceId }),
  'POST /api/v1/auth/password': () => ({
    currentPassword: 'not the current password',
    newPassword: 'a brand new password',
  }),
  'POST /api/v1/users': () => ({
    email: `member-${unique()}@example.test`,
    password: 'a long enough password',
    role: 'viewer',
  }),
  'PATCH /api/v1/users/{id}': () => ({ role: 'viewer' }),
  'POST /api/v1/workspaces': () => ({ name: `Workspace ${unique()}` }),
  'POST /api/v1/api-keys': (ws) => ({
    name: `Key ${unique()}`,
    scopes: ['contacts:read'],
    workspaceId: ws.workspaceId,
  }),
  'POST /api/v1/contacts': () => ({
    email: `new-${unique()}@example.test`,
    firstName: 'New',
    fields: { plan: 'basic' },
    tags: ['fresh'],
  }),
  'PATCH /api/v1/contacts/{id}': () => ({ firstName: 'Changed', fields: { plan: 'basic' } }),
  'POST /api/v1/contacts/{id}/tags': () => ({ tag: 'added' }),
  'POST /api/v1/fields': () => ({ key: `f${unique()}`, label: `Field ${unique()}`, type: 'text' }),
  'PATCH /api/v1/fields/{id}': () => ({ label: `Renamed ${unique()}` }),
  'POST /api/v1/campaigns': () => ({ name: `Campaign ${unique()}`, graph: aSmallGraph() }),
  'PATCH /api/v1/campaigns/{id}': () => ({ name: `Renamed ${unique()}`, reentry: 'anyTime' }),
  'PUT /api/v1/campaigns/{id}/draft': () => ({
    graph: aSmallGraph(),
    baseRevision: 2,
    message: 'saved',
  }),
  'POST /api/v1/campaigns/{id}/validate': () => ({ graph: aSmallGraph() }),
  'POST /api/v1/campaigns/{id}/publish': () => ({ revision: 2, onRemovedNodes: 'keep' }),
  'POST /api/v1/campaigns/{id}/enrollments': (ws) => ({ contactIds: [ws.ids.spareContact] }),
  'POST /api/v1/campaigns/{id}/test-runs': (ws) => ({ contactId: ws.ids.contact, mode: 'dry' }),
  'POST /api/v1/templates/preview': (ws) => ({
    template: 'Hi [First Name], plan [Plan]',
    contentType: 'text',
    contactId: ws.ids.contact,
  }),
  'POST /api/v1/hooks': () => ({
    data: {
      type: 'hooks',
      attributes: {
        target_url: 'https://hooks.example.com/in',
        event: 'tag_added',
        resource_id: 'vip',
      },
    },
  }),
  'PATCH /api/v1/hooks/{id}': () => ({ data: { type: 'hooks', attributes: { active: false } } }),
  'POST /hooks/in/{token}': () => ({
    email: `inbound-${unique()}@example.test`,
    firstName: 'Inbound',
  }),
};

export function exampleBody(key: string, ws: FurnishedWorkspace): unknown {
  const make = EXAMPLE_BODIES[key];
  if (!make)
    throw new Error(`${key} takes a JSON body: add an example to support/example-bodies.ts`);
  return make(ws);
}
