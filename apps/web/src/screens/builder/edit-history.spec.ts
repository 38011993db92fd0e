import { copySelection, pasteClipboard } from './clipboard';
import { emptyHistory, recordEdit, redoEdit, undoEdit } from './edit-history';
import type { FlowState } from './flow-graph';

const state = (...ids: string[]): FlowState => ({
  nodes: ids.map((id) => ({ id, type: 'action.addTag', position: { x: 0, y: 0 }, data: { config: { tag: id } } })),
  edges: [],
});

describe('undo and redo', () => {
  it('undoes and redoes whole edits in order', () => {
    let history = recordEdit(emptyHistory(), state());
    history = recordEdit(history, state('a'));
    const undone = undoEdit(history, state('a', 'b'))!;
    expect(undone.state).toEqual(state('a'));
    const redone = redoEdit(undone.history, undone.state)!;
    expect(redone.state).toEqual(state('a', 'b'));
    expect(undoEdit(emptyHistory(), state())).toBeNull();
    expect(redoEdit(redone.history, redone.state)).toBeNull();
  });

  it('makes typing in one field a single undo step', () => {
    let history = recordEdit(emptyHistory(), state('a'), 'config:a');
    history = recordEdit(history, state('ab'), 'config:a');
    history = recordEdit(history, state('abc'), 'config:a');
    expect(history.past).toHaveLength(1);
    expect(undoEdit(history, state('abcd'))!.state).toEqual(state('a'));
  });

  it('forgets redo once a new edit is made', () => {
    let history = recordEdit(emptyHistory(), state());
    history = undoEdit(history, state('a'))!.history;
    expect(recordEdit(history, state()).future).toEqual([]);
  });
});

describe('copy and paste', () => {
  //   [addTag-1] -> [addTag-2]   both selected, pasted once
  const current: FlowState = {
    nodes: [
      { id: 'addTag-1', type: 'action.addTag', position: { x: 0, y: 0 }, data: { config: { tag: 'a' } }, selected: true },
      { id: 'addTag-2', type: 'action.addTag', position: { x: 100, y: 0 }, data: { config: { tag: 'b' } }, selected: true },
      { id: 'end-1', type: 'end', position: { x: 200, y: 0 }, data: { config: {} } },
    ],
    edges: [
      { id: 'x', source: 'addTag-1', target: 'addTag-2' },
      { id: 'y', source: 'addTag-2', target: 'end-1' },
    ],
  };

  it('copies the selection and the edges inside it, and pastes them with fresh ids, offset and selected', () => {
    const clipboard = copySelection(current.nodes, current.edges)!;
    expect(clipboard.edges.map((e) => e.id)).toEqual(['x']);
    const pasted = pasteClipboard(clipboard, current);
    const fresh = pasted.nodes.slice(3);
    expect(fresh.map((n) => [n.id, n.position, n.selected])).toEqual([
      ['addTag-3', { x: 40, y: 40 }, true],
      ['addTag-4', { x: 140, y: 40 }, true],
    ]);
    expect(pasted.nodes.slice(0, 3).every((n) => !n.selected)).toBe(true);
    expect(pasted.edges.at(-1)).toEqual({ id: 'addTag-3->addTag-4', source: 'addTag-3', target: 'addTag-4' });
  });

  it('copies nothing when nothing is selected', () => {
    expect(copySelection([{ ...current.nodes[2] }], [])).toBeNull();
  });
});
