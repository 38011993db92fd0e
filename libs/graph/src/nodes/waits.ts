import { z } from 'zod';
import { defineNode } from '../node-definition';
import { fieldKeySchema, singleOutput } from './common';

export const WAIT_UNITS = ['minutes', 'hours', 'days'] as const;
const MAX_AMOUNT = { minutes: 525_600, hours: 87_600, days: 3_650 } as const;

export const delayWait = defineNode({
  type: 'wait.delay',
  group: 'wait',
  label: 'Wait',
  description: 'Waits N minutes, hours or days.',
  icon: 'clock',
  configSchema: z
    .strictObject({
      // 0 is a checkpoint: the contact's progress is committed and it goes on through the queue.
      amount: z.number().int('Wait a whole number').min(0, 'A wait cannot be negative'),
      unit: z.enum(WAIT_UNITS),
    })
    .superRefine((config, ctx) => {
      if (config.amount > MAX_AMOUNT[config.unit]) {
        ctx.addIssue({
          code: 'custom',
          message: `Wait at most ${MAX_AMOUNT[config.unit]} ${config.unit} (ten years)`,
          path: ['amount'],
        });
      }
    }),
  defaultConfig: { amount: 1, unit: 'days' },
  outputs: singleOutput,
  summarize: (config) =>
    `Wait ${config.amount} ${config.amount === 1 ? config.unit.slice(0, -1) : config.unit}`,
});

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const untilWait = defineNode({
  type: 'wait.until',
  group: 'wait',
  label: 'Wait until',
  description:
    'Waits until a date-time, or a date field of the contact, optionally at a time of day.',
  icon: 'calendar-clock',
  configSchema: z
    .strictObject({
      at: z.iso
        .datetime({ offset: true, error: 'Use an ISO date-time such as 2026-12-01T09:00:00Z' })
        .optional(),
      field: fieldKeySchema.optional(),
      time: z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM, 00:00 to 23:59')
        .optional(),
      timezone: z.string().refine(isTimeZone, 'Unknown time zone').optional(),
    })
    .superRefine((config, ctx) => {
      if ((config.at === undefined) === (config.field === undefined)) {
        ctx.addIssue({
          code: 'custom',
          message: 'Wait until either a date-time (at) or a date field (field)',
          path: [],
        });
      }
    }),
  defaultConfig: {},
  outputs: singleOutput,
  summarize: (config) => {
    const when = config.at ?? `the date in ${config.field ?? '…'}`;
    const time = config.time ? ` at ${config.time}` : '';
    const zone = config.timezone ? ` ${config.timezone}` : '';
    return `Wait until ${when}${time}${zone}`;
  },
});

export const WAIT_NODES = [delayWait, untilWait] as const;
