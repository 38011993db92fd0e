import {
  Background,
  BackgroundVariant,
  type Connection,
  Controls,
  type EdgeChange,
  MarkerType,
  MiniMap,
  type NodeChange,
  ReactFlow,
  type ReactFlowInstance,
  type ReactFlowState,
  useStore,
} from '@xyflow/react';
import { nodeDefinition } from '@tideway/graph';
import { type DragEvent, type ReactNode, useCallback, useMemo } from 'react';
import type { FlowEdge, FlowNode } from './flow-graph';
import { NODE_TYPES_FOR_CANVAS } from './nodes/node-registry';
import { NODE_DRAG_TYPE } from './palette';

const DEFAULT_EDGE_OPTIONS = {
  markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
  type: 'default',
} as const;
const DELETE_KEYS = ['Delete', 'Backspace'];
const FIT_VIEW_OPTIONS = { padding: 0.2, maxZoom: 1.1 };
const PRO_OPTIONS = { hideAttribution: true };
const MINIMAP_STYLE = { width: 168, height: 112 };
/**
 * Below this zoom a node's text is a few pixels high: nodes draw as plain
 * coloured cards (no text, no shadow), which is what keeps dragging among
 * hundreds of them smooth.
 */
const FAR_ZOOM = 0.4;
const isFar = (state: ReactFlowState) => state.transform[2] < FAR_ZOOM;
/** The group's colour token (styles/tokens.css), the one the palette and the node use. */
const minimapColour = (node: FlowNode) =>
  `var(--group-${nodeDefinition(node.type ?? '')?.group ?? 'end'})`;

/*
 * The canvas re-renders on every frame of a drag (the nodes change): what it
 * hands React Flow must otherwise stay the same object, or React Flow updates
 * its store (and every node's selector runs) or redraws the whole minimap.
 * That goes for the background, minimap and controls too: made anew, each
 * would render again on every frame.
 */

/** React Flow, configured for campaigns: drop from the palette, validated connections, minimap and controls. */
export function BuilderCanvas({
  nodes,
  edges,
  readOnly,
  onNodesChange,
  onEdgesChange,
  onConnect,
  isValidConnection,
  onDropType,
  onNodeDragStart,
  onBeforeDelete,
  onInit,
  children,
}: {
  nodes: FlowNode[];
  edges: FlowEdge[];
  readOnly: boolean;
  onNodesChange: (changes: NodeChange<FlowNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<FlowEdge>[]) => void;
  onConnect: (connection: Connection) => void;
  isValidConnection: (connection: Connection | FlowEdge) => boolean;
  onDropType: (type: string, clientPoint: { x: number; y: number }) => void;
  onNodeDragStart: () => void;
  onBeforeDelete: () => void;
  onInit: (instance: ReactFlowInstance<FlowNode, FlowEdge>) => void;
  children?: ReactNode;
}) {
  const onDragOver = (event: DragEvent) => {
    if (readOnly) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
  };
  const beforeDelete = useCallback(async () => {
    onBeforeDelete();
    return true;
  }, [onBeforeDelete]);
  const furniture = useMemo(
    () => (
      <>
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#c9d3db" />
        <MiniMap
          pannable
          zoomable
          style={MINIMAP_STYLE}
          ariaLabel="Overview of the campaign"
          nodeColor={minimapColour}
          nodeStrokeWidth={0}
          maskColor="rgba(240, 244, 247, 0.7)"
        />
        <Controls showInteractive={false} fitViewOptions={FIT_VIEW_OPTIONS} />
      </>
    ),
    [],
  );
  const onDrop = (event: DragEvent) => {
    if (readOnly) return;
    event.preventDefault();
    const type =
      event.dataTransfer.getData(NODE_DRAG_TYPE) || event.dataTransfer.getData('text/plain');
    if (nodeDefinition(type)) onDropType(type, { x: event.clientX, y: event.clientY });
  };

  // A boolean: the canvas re-renders when the zoom crosses FAR_ZOOM, not on every zoom step.
  const far = useStore(isFar);

  return (
    <div
      className={far ? 'builder-canvas builder-canvas--far' : 'builder-canvas'}
      onDragOver={onDragOver}
      onDrop={onDrop}
      data-testid="builder-canvas"
    >
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES_FOR_CANVAS}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onNodeDragStart={onNodeDragStart}
        onBeforeDelete={beforeDelete}
        onInit={onInit}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={false}
        deleteKeyCode={readOnly ? null : DELETE_KEYS}
        defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={0.15}
        maxZoom={2}
        onlyRenderVisibleElements={nodes.length > 150}
        proOptions={PRO_OPTIONS}
        connectionRadius={28}
      >
        {furniture}
        {children}
      </ReactFlow>
    </div>
  );
}
