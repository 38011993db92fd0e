import { Handle, type NodeProps, Position, useUpdateNodeInternals } from '@xyflow/react';
import { type AnyNodeDefinition, nodeDefinition } from '@tideway/graph';
import { memo, type ReactNode, useEffect, useRef } from 'react';
import { formatCount } from '../../../format/numbers';
import { useNodeDecorations } from '../canvas-decorations';
import type { FlowNode } from '../flow-graph';
import { iconMask } from './node-icon';

export interface NodeOutput {
  /** The handle id: the output name, or undefined for the default output (edges save no sourceHandle). */
  id: string | undefined;
  label?: string;
}

function summaryOf(definition: AnyNodeDefinition | undefined, config: unknown): string {
  if (!definition) return 'Unknown element type';
  try {
    return definition.summarize(config as never);
  } catch {
    return definition.description;
  }
}

/**
 * The frame every element shares: group colour, icon, title (its label or
 * the catalogue's), the one-line summary, the live count and the problem
 * marker. Each node type's component decides its inputs and outputs.
 */
export function NodeFrame({
  node,
  hasInput,
  outputs,
  children,
}: {
  node: NodeProps<FlowNode>;
  hasInput: boolean;
  outputs: readonly NodeOutput[];
  children?: ReactNode;
}) {
  const { problems, count, step, diff, readOnly } = useNodeDecorations(node.id);
  const updateNodeInternals = useUpdateNodeInternals();
  const definition = nodeDefinition(node.type);
  const title = node.data.label || definition?.label || node.type;
  const outputKey = outputs.map((output) => output.id ?? '').join('|');

  // Handles that come and go (split branches) must be re-measured for edges to attach. Not on
  // mount: React Flow measures a new node itself, and one re-measure per node (each a store
  // update that every node's selector sees) made opening a 300-node campaign take seconds.
  const measuredOutputs = useRef(outputKey);
  useEffect(() => {
    if (measuredOutputs.current === outputKey) return;
    measuredOutputs.current = outputKey;
    updateNodeInternals(node.id);
  }, [outputKey, node.id, updateNodeInternals]);

  const classes = [
    'flow-node',
    `flow-node--${definition?.group ?? 'unknown'}`,
    node.selected ? 'flow-node--selected' : '',
    problems.length > 0 && !readOnly ? 'flow-node--invalid' : '',
    step !== undefined ? 'flow-node--on-path' : '',
    diff ? `flow-node--diff-${diff}` : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div className={classes}>
      {hasInput && (
        <Handle
          type="target"
          position={Position.Left}
          className="flow-handle flow-handle--in"
          aria-label="Input"
        />
      )}
      <div className="flow-node__header">
        <span className="flow-node__icon">
          <span
            className="flow-node__glyph"
            style={{ maskImage: iconMask(definition?.icon ?? 'square') }}
            aria-hidden="true"
          />
        </span>
        <span className="flow-node__title" title={title}>
          {title}
        </span>
        {step !== undefined && (
          <span className="flow-node__step" title={`Step ${step + 1} of the test run`}>
            {step + 1}
          </span>
        )}
        {count !== undefined && (
          <span
            className="flow-node__count"
            title={`${formatCount(count)} contacts here now`}
            data-testid={`node-count-${node.id}`}
          >
            {formatCount(count)}
          </span>
        )}
        {problems.length > 0 && !readOnly && (
          <span
            className="flow-node__problem"
            role="img"
            aria-label={`${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems.map((p) => p.message).join('; ')}`}
            title={problems.map((p) => p.message).join('\n')}
            data-testid={`node-problem-${node.id}`}
          >
            !
          </span>
        )}
      </div>
      <p className="flow-node__summary">{summaryOf(definition, node.data.config)}</p>
      {diff && diff !== 'unchanged' && (
        <span className={`flow-node__diff flow-node__diff--${diff}`}>{diff}</span>
      )}
      {children}
      {outputs.length === 1 && outputs[0].id === undefined ? (
        <Handle
          type="source"
          position={Position.Right}
          className="flow-handle flow-handle--out"
          aria-label="Output"
        />
      ) : (
        outputs.length > 0 && (
          <div className="flow-node__outputs">
            {outputs.map((output) => (
              <div
                key={output.id ?? 'default'}
                className={`flow-node__output flow-node__output--${output.id}`}
              >
                <span className="flow-node__output-label">{output.label ?? output.id}</span>
                <Handle
                  type="source"
                  position={Position.Right}
                  id={output.id}
                  className={`flow-handle flow-handle--out flow-handle--${output.id}`}
                  aria-label={`Output ${output.label ?? output.id}`}
                />
              </div>
            ))}
          </div>
        )
      )}
    </div>
  );
}

/**
 * A node draws its id, type, data and selection (and its decorations, which it
 * subscribes to). React Flow also hands it where it is, its measured size and
 * whether it is dragged: those change on every frame of a drag and once for
 * every node when the canvas opens, and none of them shows.
 */
function drawsTheSame(a: NodeProps<FlowNode>, b: NodeProps<FlowNode>): boolean {
  return a.id === b.id && a.type === b.type && a.data === b.data && a.selected === b.selected;
}

const SINGLE_OUTPUT: readonly NodeOutput[] = [{ id: undefined }];
const NO_OUTPUTS: readonly NodeOutput[] = [];
const CONDITION_OUTPUTS: readonly NodeOutput[] = [
  { id: 'yes', label: 'Yes' },
  { id: 'no', label: 'No' },
];

export const SingleOutputNode = memo(function SingleOutputNode(props: NodeProps<FlowNode>) {
  return <NodeFrame node={props} hasInput outputs={SINGLE_OUTPUT} />;
}, drawsTheSame);

export const TriggerNode = memo(function TriggerNode(props: NodeProps<FlowNode>) {
  return <NodeFrame node={props} hasInput={false} outputs={SINGLE_OUTPUT} />;
}, drawsTheSame);

export const EndNode = memo(function EndNode(props: NodeProps<FlowNode>) {
  return <NodeFrame node={props} hasInput outputs={NO_OUTPUTS} />;
}, drawsTheSame);

export const ConditionNode = memo(function ConditionNode(props: NodeProps<FlowNode>) {
  return <NodeFrame node={props} hasInput outputs={CONDITION_OUTPUTS} />;
}, drawsTheSame);

export const RandomSplitNode = memo(function RandomSplitNode(props: NodeProps<FlowNode>) {
  const config = props.data.config as { branches?: { id: string; weight: number }[] };
  const branches = Array.isArray(config?.branches) ? config.branches : [];
  const total = branches.reduce((sum, branch) => sum + (Number(branch.weight) || 0), 0);
  const outputs = branches
    .filter((branch) => typeof branch.id === 'string' && branch.id !== '')
    .map((branch) => ({
      id: branch.id,
      label: `${branch.id} · ${total > 0 ? Math.round(((Number(branch.weight) || 0) / total) * 100) : 0}%`,
    }));
  return <NodeFrame node={props} hasInput outputs={outputs} />;
}, drawsTheSame);
