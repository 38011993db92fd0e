import type { GraphDraft } from '@tideway/graph';
import { contactsOnRemovedNodes } from './removed-contacts';

const node = (id: string, type = 'wait.delay') => ({ id, type, position: { x: 0, y: 0 }, data: { config: {} } });

describe('contacts on removed elements', () => {
  // published: [trigger] -> [wait-1] -> [wait-2] -> [end]
  // next:      [trigger] -> [wait-2] -> [end]          (wait-1 removed, 3 contacts on it)
  const published: GraphDraft = { nodes: [node('trigger', 'trigger.manual'), node('wait-1'), node('wait-2'), node('end', 'end')], edges: [] };
  const next: GraphDraft = { nodes: [node('trigger', 'trigger.manual'), node('wait-2'), node('end', 'end')], edges: [] };

  it('counts the contacts now on the elements the new revision removes', () => {
    const stats = {
      'wait-1': { current: 3, entered: 10, completed: 7, failed: 0 },
      'wait-2': { current: 5, entered: 5, completed: 0, failed: 0 },
    };
    expect(contactsOnRemovedNodes(published, next, stats)).toEqual({
      total: 3,
      nodes: [{ id: 'wait-1', type: 'wait.delay', label: undefined, current: 3 }],
    });
  });

  it('is zero when nobody waits on a removed element', () => {
    expect(contactsOnRemovedNodes(published, next, {}).total).toBe(0);
  });
});
