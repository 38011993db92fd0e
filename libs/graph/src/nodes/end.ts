import { z } from 'zod';
import { defineNode } from '../node-definition';
import { noOutputs } from './common';

export const endNode = defineNode({
  type: 'end',
  group: 'end',
  label: 'End',
  description: 'The contact leaves the campaign.',
  icon: 'square',
  configSchema: z.strictObject({}),
  defaultConfig: {},
  outputs: noOutputs,
  summarize: () => 'Leave the campaign',
});
