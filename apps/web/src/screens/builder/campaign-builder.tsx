import { type Connection, type ReactFlowInstance, useReactFlow } from '@xyflow/react';
import { type GraphDraft, nodeDefinition, type Problem } from '@tideway/graph';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { toApiError } from '../../api/api-error';
import {
  type Campaign,
  changeCampaignStatus,
  fetchCampaign,
  fetchRevision,
  restoreRevision,
  saveDraft,
  type TestRunResult,
  updateCampaign,
} from '../../api/campaigns';
import { Dialog } from '../../components/dialog';
import { BuilderTopBar, type SaveState } from './builder-top-bar';
import {
  type CanvasDecorations,
  CanvasDecorationsContext,
  useCanvasDecorationsStore,
} from './canvas-decorations';
import { copySelection, pasteClipboard } from './clipboard';
import { ConfigPanel } from './config/config-panel';
import { judgeConnection } from './connection-rules';
import { buildDiffOverlay, type DiffOverlay } from './diff-overlay';
import { DraftCanvas } from './draft-canvas';
import { EnrollDialog } from './enroll-dialog';
import {
  createFlowNode,
  edgeIdFor,
  type FlowEdge,
  type FlowNode,
  type FlowState,
  graphToFlow,
} from './flow-graph';
import { HistoryPanel, type HistoryView } from './history-panel';
import { Palette } from './palette';
import { PublishDialog } from './publish-dialog';
import { TestRunPanel } from './test-run-panel';
import { useCampaignStats } from './use-campaign-stats';
import { problemsOf, useDraftProblems } from './use-draft-problems';
import { useEditorState } from './use-editor-state';
import { useKeyboardShortcuts } from './use-keyboard-shortcuts';
import { useUnsavedChangesGuard } from './use-unsaved-changes-guard';
import { useSelectedValue } from './value-store';

type Panel = 'config' | 'test' | 'history' | null;
type ReadOnlyView =
  | { mode: 'revision'; revision: number; flow: FlowState }
  | { mode: 'diff'; from: number; to: number; overlay: DiffOverlay };
const NO_PROBLEMS: readonly Problem[] = [];
const NO_PATH: readonly string[] = [];
const ignoreEdgeChanges = () => undefined;

/** The one selected node of the draft, as the settings panel shows it: the same while it is only moved. */
type ShownNode = Pick<FlowNode, 'id' | 'type' | 'data'>;
const soleSelectedNode = (flow: FlowState): ShownNode | null => {
  const selected = flow.nodes.filter((node) => node.selected);
  return selected.length === 1 ? selected[0] : null;
};
const sameShownNode = (a: ShownNode | null, b: ShownNode | null) =>
  a === b || (!!a && !!b && a.id === b.id && a.type === b.type && a.data === b.data);
const hasManualTrigger = (flow: FlowState) =>
  flow.nodes.some((node) => node.type === 'trigger.manual');
const isEmpty = (flow: FlowState) => flow.nodes.length === 0;

export function CampaignBuilder({ initial }: { initial: Campaign }) {
  const reactFlow = useReactFlow<FlowNode, FlowEdge>();
  const [campaign, setCampaign] = useState(initial);
  const editor = useEditorState(initial.graph);
  // The editor's functions are stable; the callbacks below depend on them, not on `editor`
  // (a new object each render), so the canvas and the panels are not handed new ones per frame.
  const { edit, current: currentFlow, currentGraph, markSaved, reset } = editor;
  const baseRevision = useRef(initial.draftRevision);
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [conflict, setConflict] = useState<{ latestRevision: number } | null>(null);
  const [publishing, setPublishing] = useState<{ revision?: number; graph: GraphDraft } | null>(
    null,
  );
  const [enrolling, setEnrolling] = useState(false);
  const [panel, setPanel] = useState<Panel>(null);
  const [view, setView] = useState<ReadOnlyView | null>(null);
  const [testRun, setTestRun] = useState<TestRunResult | null>(null);
  const [busy, setBusy] = useState(false);
  const clipboard = useRef<FlowState | null>(null);
  const blocker = useUnsavedChangesGuard(editor.dirty);
  const readOnly = view !== null || campaign.status === 'archived';

  useEffect(() => {
    if (saveState !== 'saving') setSaveState(editor.dirty ? 'dirty' : 'saved');
  }, [editor.dirty, saveState]);

  const { problems, problemsById, knownMergeFields } = useDraftProblems(editor.structure);
  const polling = campaign.status === 'live' || campaign.status === 'paused';
  const stats = useCampaignStats(campaign.id, polling);

  const refreshCampaign = useCallback(async () => {
    const fresh = await fetchCampaign(campaign.id);
    setCampaign(fresh);
    return fresh;
  }, [campaign.id]);

  const save = useCallback(
    async (options: { overwrite?: number } = {}): Promise<boolean> => {
      const graph = currentGraph();
      setSaveState('saving');
      try {
        const { revision } = await saveDraft(campaign.id, {
          graph,
          baseRevision: options.overwrite ?? baseRevision.current,
        });
        baseRevision.current = revision;
        markSaved(graph);
        setSaveState('saved');
        setCampaign((current) => ({
          ...current,
          draftRevision: revision,
          hasUnpublishedChanges: current.publishedRevision !== revision,
          updatedAt: new Date().toISOString(),
        }));
        return true;
      } catch (thrown) {
        const error = toApiError(thrown);
        setSaveState('error');
        if (error.status === 409) {
          const latest = Number(error.body['latestRevision']);
          setConflict({ latestRevision: Number.isFinite(latest) ? latest : baseRevision.current });
        } else {
          setNotice({ kind: 'error', text: `Not saved: ${error.message}` });
        }
        return false;
      }
    },
    [campaign.id, currentGraph, markSaved],
  );

  const saveIfDirty = useCallback(
    () => (editor.dirty ? save() : Promise.resolve(true)),
    [editor.dirty, save],
  );

  const reloadDraft = useCallback(async () => {
    const fresh = await refreshCampaign();
    baseRevision.current = fresh.draftRevision;
    reset(fresh.graph);
    setSaveState('saved');
  }, [reset, refreshCampaign]);

  const selectedNode = useSelectedValue(editor.draft, soleSelectedNode, sameShownNode);
  const readOnlyFlow: FlowState | null =
    view?.mode === 'revision' ? view.flow : view?.mode === 'diff' ? view.overlay : null;
  const viewSelected = readOnlyFlow?.nodes.find((node) => node.selected) ?? null;

  // Selecting an element opens its settings, unless the test or history panel is in use.
  const selectedId = (view ? viewSelected : selectedNode)?.id ?? null;
  useEffect(() => {
    if (selectedId) setPanel((current) => (current === null ? 'config' : current));
  }, [selectedId]);

  const addNode = useCallback(
    (type: string, at?: { x: number; y: number }) => {
      if (readOnly) return;
      const bounds = document.querySelector('.builder-canvas')?.getBoundingClientRect();
      const centre =
        at ??
        reactFlow.screenToFlowPosition({
          x: (bounds?.left ?? 0) + (bounds?.width ?? 800) / 2,
          y: (bounds?.top ?? 0) + (bounds?.height ?? 600) / 2,
        });
      let position = { x: Math.round(centre.x - 120), y: Math.round(centre.y - 36) };
      const current = currentFlow().nodes;
      // Clicked in twice: do not stack the new element exactly on the last one.
      while (
        !at &&
        current.some(
          (node) =>
            Math.abs(node.position.x - position.x) < 24 &&
            Math.abs(node.position.y - position.y) < 24,
        )
      ) {
        position = { x: position.x + 32, y: position.y + 32 };
      }
      edit((state) => {
        const node = {
          ...createFlowNode(
            type,
            position,
            state.nodes.map((n) => n.id),
          ),
          selected: true,
        };
        return {
          nodes: [...state.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node],
          edges: state.edges,
        };
      });
      setPanel((currentPanel) => (currentPanel === 'history' ? currentPanel : 'config'));
    },
    [currentFlow, edit, reactFlow, readOnly],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      const state = currentFlow();
      if (!judgeConnection(connection, state.nodes, state.edges).ok) return;
      edit((current) => ({
        nodes: current.nodes,
        edges: [
          ...current.edges,
          {
            id: edgeIdFor(connection.source, connection.sourceHandle, connection.target),
            source: connection.source,
            target: connection.target,
            ...(connection.sourceHandle ? { sourceHandle: connection.sourceHandle } : {}),
          },
        ],
      }));
    },
    [currentFlow, edit],
  );

  const isValidConnection = useCallback(
    (connection: Connection | FlowEdge) => {
      const state = currentFlow();
      return judgeConnection(connection, state.nodes, state.edges).ok;
    },
    [currentFlow],
  );

  const updateNode = useCallback(
    (nodeId: string, change: { config?: unknown; label?: string }, key: string) =>
      edit(
        (state) => ({
          nodes: state.nodes.map((node) =>
            node.id === nodeId ? { ...node, data: { ...node.data, ...change } } : node,
          ),
          // A split branch that disappears takes its edge with it.
          edges: state.edges.filter((edge) => {
            if (edge.source !== nodeId || !edge.sourceHandle || change.config === undefined)
              return true;
            const node = state.nodes.find((n) => n.id === nodeId);
            try {
              return (
                nodeDefinition(node?.type ?? '')
                  ?.outputs(change.config as never)
                  .includes(edge.sourceHandle) ?? true
              );
            } catch {
              return true;
            }
          }),
        }),
        key,
      ),
    [edit],
  );

  const deleteSelection = useCallback(() => {
    edit((state) => {
      const removed = new Set(state.nodes.filter((node) => node.selected).map((node) => node.id));
      if (removed.size === 0 && !state.edges.some((edge) => edge.selected)) return state;
      return {
        nodes: state.nodes.filter((node) => !removed.has(node.id)),
        edges: state.edges.filter(
          (edge) => !edge.selected && !removed.has(edge.source) && !removed.has(edge.target),
        ),
      };
    });
  }, [edit]);

  const autoLayout = useCallback(async () => {
    // dagre is fetched the first time it is asked for: most openings never arrange anything.
    const layout = await import('./auto-layout').catch(() => null);
    if (!layout) {
      setNotice({
        kind: 'error',
        text: 'Could not load the auto-layout (is the server reachable?). Nothing was moved; try again.',
      });
      return;
    }
    edit((state) => ({ nodes: layout.layoutGraph(state.nodes, state.edges), edges: state.edges }));
    requestAnimationFrame(
      () => void reactFlow.fitView({ padding: 0.2, maxZoom: 1.1, duration: 300 }),
    );
  }, [edit, reactFlow]);

  const focusNode = useCallback(
    (nodeId: string) =>
      void reactFlow.fitView({
        nodes: [{ id: nodeId }],
        maxZoom: 1.2,
        duration: 300,
        padding: 0.6,
      }),
    [reactFlow],
  );

  useKeyboardShortcuts({
    save: () => void save(),
    undo: editor.undo,
    redo: editor.redo,
    copy: () => {
      clipboard.current = copySelection(currentFlow().nodes, currentFlow().edges);
    },
    paste: () => {
      const copied = clipboard.current;
      if (copied && !readOnly) edit((state) => pasteClipboard(copied, state));
    },
    enabled: !readOnly,
  });

  const rename = async (name: string) => {
    try {
      const updated = await updateCampaign(campaign.id, { name });
      setCampaign((current) => ({ ...current, name: updated.name ?? name }));
    } catch (thrown) {
      setNotice({ kind: 'error', text: `Could not rename: ${toApiError(thrown).message}` });
    }
  };

  const pauseOrResume = async () => {
    setBusy(true);
    try {
      const updated = await changeCampaignStatus(
        campaign.id,
        campaign.status === 'live' ? 'pause' : 'resume',
      );
      setCampaign((current) => ({ ...current, status: updated.status }));
      setNotice({
        kind: 'success',
        text: updated.status === 'paused' ? 'Paused: nothing moves until you resume.' : 'Resumed.',
      });
    } catch (thrown) {
      setNotice({ kind: 'error', text: toApiError(thrown).message });
    } finally {
      setBusy(false);
    }
  };

  const openRevision = async (revision: number) => {
    try {
      const answer = await fetchRevision(campaign.id, revision);
      setView({ mode: 'revision', revision, flow: graphToFlow(answer.graph) });
      setTestRun(null);
      requestAnimationFrame(() => void reactFlow.fitView({ padding: 0.2, maxZoom: 1.1 }));
    } catch (thrown) {
      setNotice({ kind: 'error', text: toApiError(thrown).message });
    }
  };

  const compareRevisions = async (from: number, to: number) => {
    try {
      const [a, b] = await Promise.all([
        fetchRevision(campaign.id, from),
        fetchRevision(campaign.id, to),
      ]);
      setView({ mode: 'diff', from, to, overlay: buildDiffOverlay(a.graph, b.graph) });
      setTestRun(null);
      requestAnimationFrame(() => void reactFlow.fitView({ padding: 0.2, maxZoom: 1.1 }));
    } catch (thrown) {
      setNotice({ kind: 'error', text: toApiError(thrown).message });
    }
  };

  const restore = async (revision: number) => {
    if (editor.dirty && !window.confirm('Restoring replaces your unsaved changes. Restore anyway?'))
      return;
    setBusy(true);
    try {
      const answer = await restoreRevision(campaign.id, revision);
      await reloadDraft();
      setView(null);
      setNotice({
        kind: 'success',
        text: `Revision ${revision} restored as revision ${answer.revision}.`,
      });
    } catch (thrown) {
      setNotice({ kind: 'error', text: toApiError(thrown).message });
    } finally {
      setBusy(false);
    }
  };

  const publishRevision = async (revision: number) => {
    try {
      const answer = await fetchRevision(campaign.id, revision);
      setPublishing({ revision, graph: answer.graph });
    } catch (thrown) {
      setNotice({ kind: 'error', text: toApiError(thrown).message });
    }
  };

  const onPath = useMemo(() => {
    const steps: Record<string, number> = {};
    testRun?.path.forEach((step, index) => {
      steps[step.nodeId] ??= index;
    });
    return steps;
  }, [testRun]);

  // Every node reads these: they must not change while a node is dragged (nor depend on positions).
  const decorations: CanvasDecorations = useMemo(
    () => ({
      counts:
        polling && stats && !view
          ? Object.fromEntries(
              Object.entries(stats.nodes).map(([nodeId, node]) => [nodeId, node.current]),
            )
          : null,
      problems: view ? {} : problemsById,
      onPath: view ? {} : onPath,
      diff: view?.mode === 'diff' ? view.overlay.nodeStatus : null,
      readOnly,
    }),
    [polling, stats, view, problemsById, onPath, readOnly],
  );
  const decorationsStore = useCanvasDecorationsStore(decorations);
  const testPath = useMemo(
    () => (view || !testRun ? NO_PATH : testRun.path.map((step) => step.nodeId)),
    [view, testRun],
  );

  const onViewNodesChange = useCallback((changes: Parameters<typeof editor.onNodesChange>[0]) => {
    // Read-only canvases still select (to read a node's settings) and measure; nothing else.
    const allowed = changes.filter(
      (change) => change.type === 'select' || change.type === 'dimensions',
    );
    setView((current) => {
      if (!current) return current;
      const apply = (nodes: FlowNode[]) =>
        nodes.map((node) => {
          const select = allowed.find(
            (change) => change.type === 'select' && change.id === node.id,
          );
          const measure = allowed.find(
            (change) => change.type === 'dimensions' && change.id === node.id,
          );
          let next = node;
          if (select && select.type === 'select') next = { ...next, selected: select.selected };
          if (measure && measure.type === 'dimensions' && measure.dimensions)
            next = { ...next, measured: measure.dimensions };
          return next;
        });
      return current.mode === 'revision'
        ? { ...current, flow: { ...current.flow, nodes: apply(current.flow.nodes) } }
        : { ...current, overlay: { ...current.overlay, nodes: apply(current.overlay.nodes) } };
    });
  }, []);

  const panelNode = view ? viewSelected : selectedNode;
  // What the settings panel shows of the node: the same object while the node is only moved.
  const panelNodeId = panelNode?.id;
  const panelNodeType = panelNode?.type;
  const panelNodeData = panelNode?.data;
  const panelElement = useMemo(
    () =>
      panelNodeId && panelNodeData
        ? { id: panelNodeId, type: panelNodeType, data: panelNodeData }
        : null,
    [panelNodeId, panelNodeType, panelNodeData],
  );
  const panelCampaign = useMemo(
    () => ({ id: campaign.id, name: campaign.name, draftRevision: campaign.draftRevision }),
    [campaign.id, campaign.name, campaign.draftRevision],
  );
  const changePanelNode = useCallback(
    (change: { config?: unknown; label?: string }, key: string) => {
      if (panelNodeId) updateNode(panelNodeId, change, key);
    },
    [panelNodeId, updateNode],
  );
  const closePanel = useCallback(() => setPanel(null), []);
  const manualTrigger = useSelectedValue(editor.draft, hasManualTrigger);
  const emptyDraft = useSelectedValue(editor.draft, isEmpty);

  return (
    <CanvasDecorationsContext.Provider value={decorationsStore}>
      <div className="builder">
        <BuilderTopBar
          name={campaign.name}
          status={campaign.status}
          hasUnpublishedChanges={campaign.hasUnpublishedChanges}
          saveState={saveState}
          activeContacts={polling && stats ? stats.enrollments.active : null}
          busy={busy}
          canUndo={editor.canUndo}
          canRedo={editor.canRedo}
          readOnly={readOnly}
          panel={panel}
          canEnroll={campaign.status === 'live' && manualTrigger}
          onRename={(name) => void rename(name)}
          onSave={() => void save()}
          onPublish={() => setPublishing({ graph: currentGraph() })}
          onPauseResume={() => void pauseOrResume()}
          onUndo={editor.undo}
          onRedo={editor.redo}
          onLayout={autoLayout}
          onTest={() => setPanel((current) => (current === 'test' ? null : 'test'))}
          onHistory={() => setPanel((current) => (current === 'history' ? null : 'history'))}
          onEnroll={() => setEnrolling(true)}
        />
        {notice && (
          <div
            className={`builder-notice notice notice--${notice.kind === 'error' ? 'warning' : 'success'}`}
            role={notice.kind === 'error' ? 'alert' : 'status'}
          >
            <span>{notice.text}</span>
            <button
              type="button"
              className="icon-button"
              aria-label="Dismiss"
              onClick={() => setNotice(null)}
            >
              ×
            </button>
          </div>
        )}
        <div className={panel ? 'builder__body builder__body--with-panel' : 'builder__body'}>
          <Palette onAdd={(type) => addNode(type)} disabled={readOnly} />
          <DraftCanvas
            draft={editor.draft}
            readOnlyFlow={readOnlyFlow}
            onPath={onPath}
            path={testPath}
            edgeStatus={view?.mode === 'diff' ? view.overlay.edgeStatus : null}
            readOnly={readOnly}
            onNodesChange={view ? onViewNodesChange : editor.onNodesChange}
            onEdgesChange={view ? ignoreEdgeChanges : editor.onEdgesChange}
            onConnect={onConnect}
            isValidConnection={isValidConnection}
            onDropType={(type, point) => addNode(type, reactFlow.screenToFlowPosition(point))}
            onNodeDragStart={editor.markBeforeChange}
            onBeforeDelete={editor.markBeforeChange}
            onInit={(instance: ReactFlowInstance<FlowNode, FlowEdge>) =>
              void instance.fitView({ padding: 0.2, maxZoom: 1.1 })
            }
          >
            {view && (
              <div className="canvas-banner" role="status" data-testid="read-only-banner">
                {view.mode === 'revision'
                  ? `Revision ${view.revision}, read-only`
                  : `Comparing revision ${view.from} → ${view.to}`}
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => setView(null)}
                >
                  Back to the draft
                </button>
              </div>
            )}
            {!view && emptyDraft && (
              <div className="canvas-empty">
                <p className="canvas-empty__title">Start with a trigger</p>
                <p className="muted">
                  Drag an element from the left onto the canvas, or click it to add it here.
                </p>
              </div>
            )}
          </DraftCanvas>
          {panel === 'config' && panelElement && (
            <ConfigPanel
              key={panelElement.id}
              node={panelElement}
              problems={problemsById[panelElement.id] ?? NO_PROBLEMS}
              readOnly={readOnly}
              campaign={panelCampaign}
              onChange={changePanelNode}
              onDelete={deleteSelection}
              onClose={closePanel}
            />
          )}
          {panel === 'config' && !panelElement && (
            <aside className="side-panel side-panel--hint" aria-label="Element settings">
              <div className="side-panel__body">
                <p className="muted">Select an element to edit its settings.</p>
                {!view && problems.length > 0 && (
                  <p className="field__error">
                    {problems.length} problem{problems.length === 1 ? '' : 's'} on the canvas.
                  </p>
                )}
              </div>
            </aside>
          )}
          {panel === 'test' && (
            <TestRunPanel
              campaignId={campaign.id}
              nodes={editor.structure.nodes}
              result={testRun}
              prepare={saveIfDirty}
              onResult={setTestRun}
              onFocusNode={focusNode}
              onClose={() => setPanel(null)}
            />
          )}
          {panel === 'history' && (
            <HistoryPanel
              campaignId={campaign.id}
              reloadKey={`${campaign.draftRevision}:${campaign.publishedRevision}`}
              view={
                view
                  ? view.mode === 'revision'
                    ? { mode: 'revision', revision: view.revision }
                    : { mode: 'diff', from: view.from, to: view.to }
                  : (null as HistoryView)
              }
              overlay={view?.mode === 'diff' ? view.overlay : null}
              busy={busy}
              onView={(revision) => void openRevision(revision)}
              onCompare={(from, to) => void compareRevisions(from, to)}
              onRestore={(revision) => void restore(revision)}
              onPublish={(revision) => void publishRevision(revision)}
              onBackToDraft={() => setView(null)}
              onFocusNode={focusNode}
              onClose={() => {
                setPanel(null);
                setView(null);
              }}
            />
          )}
        </div>

        {publishing && (
          <PublishDialog
            campaignId={campaign.id}
            publishedRevision={campaign.publishedRevision}
            graph={publishing.graph}
            revision={publishing.revision}
            problems={
              publishing.revision === undefined
                ? problems
                : problemsOf(publishing.graph, knownMergeFields)
            }
            unsaved={editor.dirty}
            prepare={publishing.revision === undefined ? saveIfDirty : () => Promise.resolve(true)}
            onCancel={() => setPublishing(null)}
            onShowProblem={(nodeId) => {
              setPublishing(null);
              setView(null);
              editor.onNodesChange(
                currentFlow().nodes.map((node) => ({
                  type: 'select',
                  id: node.id,
                  selected: node.id === nodeId,
                })),
              );
              setPanel('config');
              focusNode(nodeId);
            }}
            onPublished={(result) => {
              setPublishing(null);
              setView(null);
              setNotice({
                kind: 'success',
                text: `Revision ${result.revision} is live.${result.exited ? ` ${result.exited} left the campaign.` : ''}${result.kept ? ` ${result.kept} finish their revision.` : ''}`,
              });
              void refreshCampaign();
            }}
          />
        )}

        {enrolling && (
          <EnrollDialog
            campaignId={campaign.id}
            onCancel={() => setEnrolling(false)}
            onDone={(text) => {
              setEnrolling(false);
              setNotice({ kind: 'success', text });
            }}
          />
        )}

        {conflict && (
          <Dialog
            title="Someone saved this campaign first"
            size="small"
            onClose={() => setConflict(null)}
            footer={
              <>
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    setConflict(null);
                    void reloadDraft();
                  }}
                  data-testid="conflict-reload"
                >
                  Reload theirs
                </button>
                <button
                  type="button"
                  className="button button--danger"
                  onClick={() => {
                    const latest = conflict.latestRevision;
                    setConflict(null);
                    void save({ overwrite: latest });
                  }}
                  data-testid="conflict-overwrite"
                >
                  Overwrite with mine
                </button>
              </>
            }
          >
            <p>
              Revision {conflict.latestRevision} was saved while you were editing. Reload it (your
              changes are lost) or save yours over it (theirs stays in the history).
            </p>
          </Dialog>
        )}

        {blocker.state === 'blocked' && (
          <Dialog
            title="Leave without saving?"
            size="small"
            onClose={() => blocker.reset()}
            footer={
              <>
                <button type="button" className="button" onClick={() => blocker.reset()}>
                  Stay
                </button>
                <button
                  type="button"
                  className="button button--danger"
                  onClick={() => blocker.proceed()}
                  data-testid="discard-changes"
                >
                  Leave and discard
                </button>
              </>
            }
          >
            <p>This campaign has changes that are not saved.</p>
          </Dialog>
        )}
      </div>
    </CanvasDecorationsContext.Provider>
  );
}
