/**
 * wait.until: when a contact waiting for a date goes on. Each row runs
 * `start ──> until ──> after` for a contact and reads where it ended up.
 * (wait.delay is in nodes/run-node.spec.ts.)
 */
import type { NodeConfig } from '@tideway/graph';
import { aCampaign, aContact, aNode, activate, at, pathOf } from '../testing/factories';

//  start ──> until ──> after
function waitUntil(config: NodeConfig<'wait.until'>, fields: Record<string, unknown>, now: string) {
  const campaign = aCampaign(
    [aNode('start', 'trigger.manual'), aNode('until', 'wait.until', config), aNode('after', 'end')],
    ['start -> until', 'until -> after'],
  );
  return activate(campaign, 'until', { contact: aContact({ fields }), now: at(now) });
}

const JANUARY = '2026-01-01T09:00:00Z';

describe('wait.until holds the contact until', () => {
  it.each<[string, NodeConfig<'wait.until'>, Record<string, unknown>, string]>([
    ['a date-time (at)', { at: '2026-02-01T10:00:00Z' }, {}, '2026-02-01T10:00:00.000Z'],
    [
      'a date-time with an offset',
      { at: '2026-02-01T10:00:00+05:30' },
      {},
      '2026-02-01T04:30:00.000Z',
    ],
    [
      'a date field, at midnight UTC',
      { field: 'renewal' },
      { renewal: '2026-02-01' },
      '2026-02-01T00:00:00.000Z',
    ],
    [
      'a date field, at midnight in the time zone',
      { field: 'renewal', timezone: 'Europe/Paris' },
      { renewal: '2026-02-01' },
      '2026-01-31T23:00:00.000Z',
    ],
    [
      'a date-time field, at that instant',
      { field: 'renewal' },
      { renewal: '2026-02-01T17:45:00Z' },
      '2026-02-01T17:45:00.000Z',
    ],
    [
      'a date-time field without an offset, as a wall-clock time in the zone',
      { field: 'renewal', timezone: 'Europe/Paris' },
      { renewal: '2026-02-01T09:00' },
      '2026-02-01T08:00:00.000Z',
    ],
    [
      "a date-time field without an offset or a zone, as UTC (never the server's zone)",
      { field: 'renewal' },
      { renewal: '2026-02-01 09:00:30' },
      '2026-02-01T09:00:30.000Z',
    ],
    [
      'a date field at a time of day (UTC when no zone is given)',
      { field: 'renewal', time: '09:30' },
      { renewal: '2026-02-01' },
      '2026-02-01T09:30:00.000Z',
    ],
    [
      'the date a date-time falls on in the zone, at the time of day',
      // 23:30 UTC on the 28th is already the 29th in Paris.
      { field: 'renewal', time: '09:00', timezone: 'Europe/Paris' },
      { renewal: '2026-03-28T23:30:00Z' },
      '2026-03-29T07:00:00.000Z',
    ],
    [
      'the date of "at" in the zone, at the time of day',
      // 22:30 UTC on 1 June is still 1 June in New York.
      { at: '2026-06-01T22:30:00Z', time: '09:00', timezone: 'America/New_York' },
      {},
      '2026-06-01T13:00:00.000Z',
    ],
  ])('%s', (_name, config, fields, wakeAt) => {
    const run = waitUntil(config, fields, JANUARY);

    expect(pathOf(run)).toEqual(['until: waiting']);
    expect(run.steps[0].output).toEqual({ until: wakeAt });
    expect(run.position).toEqual({
      state: 'waiting',
      nodeId: 'until',
      waitingFor: 'time',
      wakeAt: at(wakeAt),
    });
  });
});

describe('wait.until at 09:00 local time across a daylight-saving change', () => {
  it.each([
    ['Europe/Paris', 'the day before summer time', '2026-03-28', '2026-03-28T08:00:00.000Z'],
    ['Europe/Paris', 'the day summer time starts', '2026-03-29', '2026-03-29T07:00:00.000Z'],
    ['Europe/Paris', 'the day summer time ends', '2026-10-25', '2026-10-25T08:00:00.000Z'],
    ['America/New_York', 'the day before daylight time', '2026-03-07', '2026-03-07T14:00:00.000Z'],
    ['America/New_York', 'the day daylight time starts', '2026-03-08', '2026-03-08T13:00:00.000Z'],
    ['America/New_York', 'the day daylight time ends', '2026-11-01', '2026-11-01T14:00:00.000Z'],
  ])('%s, %s (%s)', (timezone, _name, date, wakeAt) => {
    const run = waitUntil(
      { field: 'renewal', time: '09:00', timezone },
      { renewal: date },
      JANUARY,
    );

    expect(run.position).toMatchObject({ wakeAt: at(wakeAt) });
  });

  it.each([
    ['Europe/Paris', '2026-03-29', '2026-03-29T01:30:00.000Z'],
    ['America/New_York', '2026-03-08', '2026-03-08T07:30:00.000Z'],
  ])(
    'in %s, 02:30 on the day it does not exist (%s) is 03:30 summer time',
    (timezone, date, wakeAt) => {
      const run = waitUntil(
        { field: 'renewal', time: '02:30', timezone },
        { renewal: date },
        JANUARY,
      );

      expect(run.position).toMatchObject({ wakeAt: at(wakeAt) });
    },
  );
});

describe('wait.until lets the contact go on at once', () => {
  it.each<[string, NodeConfig<'wait.until'>, Record<string, unknown>, string]>([
    ['a date-time already passed', { at: '2025-12-31T23:59:00Z' }, {}, '2025-12-31T23:59:00.000Z'],
    ['a date-time that is now', { at: JANUARY }, {}, '2026-01-01T09:00:00.000Z'],
    [
      'a date field already passed',
      { field: 'renewal' },
      { renewal: '2025-06-30' },
      '2025-06-30T00:00:00.000Z',
    ],
    [
      'today at a time of day already passed',
      { field: 'renewal', time: '08:59' },
      { renewal: '2026-01-01' },
      '2026-01-01T08:59:00.000Z',
    ],
  ])('with outcome "date passed" for %s', (_name, config, fields, until) => {
    const run = waitUntil(config, fields, JANUARY);

    expect(pathOf(run)).toEqual(['until: date passed', 'after: completed']);
    expect(run.steps[0].output).toEqual({ until });
  });

  it.each<[string, Record<string, unknown>]>([
    ['an empty date field', { renewal: '' }],
    ['a missing date field', {}],
    ['a null date field', { renewal: null }],
    ['a date field holding text', { renewal: 'next spring' }],
    ['a date field holding a number', { renewal: 20260201 }],
    ['a date field holding a number as text', { renewal: '5' }],
    ['a date field holding a date in another format', { renewal: 'March 7, 2026' }],
  ])('with outcome "no date" for %s', (_name, fields) => {
    const run = waitUntil({ field: 'renewal', time: '09:00' }, fields, JANUARY);

    expect(pathOf(run)).toEqual(['until: no date', 'after: completed']);
    expect(run.steps[0].output).toEqual({ reason: 'The date field is empty or not a date' });
  });
});

describe('wait.until, once the time has come', () => {
  it('goes on when the shell resumes it', () => {
    const campaign = aCampaign(
      [
        aNode('start', 'trigger.manual'),
        aNode('until', 'wait.until', { field: 'renewal' }),
        aNode('after', 'end'),
      ],
      ['start -> until', 'until -> after'],
    );

    expect(pathOf(activate(campaign, { mode: 'resume', nodeId: 'until' }))).toEqual([
      'after: completed',
    ]);
  });
});
