import type { TemplateTarget } from '@tideway/templates';
import type { z } from 'zod';
import type { OutputHandle } from './outputs';

export const NODE_GROUPS = ['trigger', 'goal', 'filter', 'action', 'wait', 'end'] as const;
export type NodeGroup = (typeof NODE_GROUPS)[number];

/** A config field holding a merge-field template, e.g. `config.body.template`. */
export interface TemplatedField {
  path: string;
  source: string;
  target: TemplateTarget;
}

/**
 * Everything the product knows about one node type, defined once
 * (STYLE.md: "A node type is defined once"). The engine adds a handler per
 * type and the web a component per type, both keyed by `type`.
 */
export interface NodeDefinition<T extends string = string, S extends z.ZodType = z.ZodType> {
  type: T;
  group: NodeGroup;
  label: string;
  description: string;
  /** A short icon name the web maps to an icon component. */
  icon: string;
  configSchema: S;
  /** What a node dropped on the canvas starts with; may still need input to be valid. */
  defaultConfig: z.output<S>;
  outputs(config: z.output<S>): OutputHandle[];
  /** One line for the canvas: "Wait 3 days", "Add tag vip". */
  summarize(config: z.output<S>): string;
  /** Config fields rendered as templates, for merge-field checks. */
  templatedFields?(config: z.output<S>): TemplatedField[];
}

export function defineNode<T extends string, S extends z.ZodType>(
  definition: NodeDefinition<T, S>,
): NodeDefinition<T, S> {
  return definition;
}
