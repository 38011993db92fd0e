import type { Problem } from './index';
import { MAX_NODES, validateGraph } from './index';
import { VALID_CONFIGS, aGraph, chain, edge, node, unknownNode } from './testing/factories';

/** The parts of a problem a spec pins down; messages are checked separately. */
function brief(problems: Problem[]) {
  return problems.map(({ rule, nodeId, edgeId, path }) =>
    Object.fromEntries(
      Object.entries({ rule, nodeId, edgeId, path }).filter(([, v]) => v !== undefined),
    ),
  );
}

const manual = (id = 'start') => node('trigger.manual', undefined, id);
const addTag = (id: string, tag = 'vip') => node('action.addTag', { tag }, id);
const wait = (id: string) => node('wait.delay', { amount: 1, unit: 'days' }, id);
const end = (id = 'end') => node('end', undefined, id);
const condition = (id = 'cond') => node('filter.condition', undefined, id);
const split = (id = 'split', branches = ['a', 'b']) =>
  node('split.random', { branches: branches.map((b) => ({ id: b, weight: 1 })) }, id);

describe('validateGraph: sound graphs', () => {
  it.each([
    {
      // manual -> addTag(vip) -> wait 1 day -> end
      name: 'a straight line',
      graph: () => chain(manual(), addTag('tag'), wait('wait'), end()),
    },
    {
      // manual -> condition -yes-> addTag(vip) -> end
      //                     -no--> end2
      name: 'a condition with both outputs',
      graph: () => {
        const [s, c, t, e, e2] = [manual(), condition(), addTag('tag'), end(), end('end2')];
        return aGraph(
          [s, c, t, e, e2],
          [
            [s, c],
            [c, t, 'yes'],
            [t, e],
            [c, e2, 'no'],
          ],
        );
      },
    },
    {
      // manual -> split -a-> addTag(a)
      //                 -b-> addTag(b)
      name: 'a split with an edge per branch',
      graph: () => {
        const [s, sp, a, b] = [manual(), split(), addTag('ta', 'a'), addTag('tb', 'b')];
        return aGraph(
          [s, sp, a, b],
          [
            [s, sp],
            [sp, a, 'a'],
            [sp, b, 'b'],
          ],
        );
      },
    },
    {
      // manual -> addTag -> wait -> (back to addTag)
      name: 'a loop that passes a wait',
      graph: () => {
        const [s, t, w] = [manual(), addTag('tag'), wait('wait')];
        return aGraph(
          [s, t, w],
          [
            [s, t],
            [t, w],
            [w, t],
          ],
        );
      },
    },
    {
      // manual -> addTag        goal(allowEntry) -> end
      name: 'a goal contacts may enter at',
      graph: () => {
        const [s, t, g, e] = [
          manual(),
          addTag('tag'),
          node('goal.tagAdded', { tag: 'x', allowEntry: true }, 'goal'),
          end(),
        ];
        return aGraph(
          [s, t, g, e],
          [
            [s, t],
            [g, e],
          ],
        );
      },
    },
    {
      // manual -> every node type in a line, the filters' other outputs to end
      name: 'one of every action and wait',
      graph: () =>
        chain(
          manual(),
          node('action.sendWebhook', undefined, 'hook'),
          node('action.updateField', undefined, 'field'),
          node('action.removeTag', undefined, 'untag'),
          node('wait.until', undefined, 'until'),
          end(),
        ),
    },
  ])('finds nothing wrong with $name', ({ graph }) => {
    expect(validateGraph(graph(), { knownMergeFields: [] })).toEqual([]);
  });
});

describe.each([
  {
    rule: 'too-many-nodes',
    cases: [
      {
        // manual -> wait -> wait -> … (501 elements)
        name: 'more than 500 elements',
        graph: () => chain(manual(), ...Array.from({ length: MAX_NODES }, (_, i) => wait(`w${i}`))),
        problems: [{ rule: 'too-many-nodes' }],
      },
      {
        // manual -> wait -> … (exactly 500 elements)
        name: 'exactly 500 is fine',
        graph: () =>
          chain(manual(), ...Array.from({ length: MAX_NODES - 1 }, (_, i) => wait(`w${i}`))),
        problems: [],
      },
    ],
  },
  {
    rule: 'duplicate-id',
    cases: [
      {
        // manual(start) -> addTag(x) -> end(x)
        name: 'two elements with one id',
        graph: () => chain(manual(), addTag('x'), node('end', undefined, 'x')),
        problems: [
          { rule: 'duplicate-id', nodeId: 'x' },
          { rule: 'cycle-without-wait', nodeId: 'x' },
        ],
      },
      {
        // manual -e1-> end, and a second edge also called e1
        name: 'two connections with one id',
        graph: () => ({
          nodes: [manual(), end(), end('end2')],
          edges: [edge('start', 'end', undefined, 'e1'), edge('start', 'end2', undefined, 'e1')],
        }),
        problems: [
          { rule: 'duplicate-id', edgeId: 'e1' },
          { rule: 'extra-output', nodeId: 'start', edgeId: 'e1' },
        ],
      },
    ],
  },
  {
    rule: 'unknown-type',
    cases: [
      {
        // manual -> action.sendSms(sms)
        name: 'a type the catalogue does not know',
        graph: () => {
          const sms = unknownNode('action.sendSms', 'sms');
          return aGraph([manual(), sms], [[manual('start'), sms]]);
        },
        problems: [{ rule: 'unknown-type', nodeId: 'sms' }],
      },
    ],
  },
  {
    rule: 'bad-config',
    cases: [
      {
        // manual -> addTag('')
        name: 'an empty tag',
        graph: () => chain(manual(), addTag('tag', '')),
        problems: [{ rule: 'bad-config', nodeId: 'tag', path: 'config.tag' }],
      },
      {
        // manual -> sendWebhook(bad header name, 60 s timeout, unknown option)
        name: 'one problem per config issue, with its path',
        graph: () =>
          chain(
            manual(),
            node(
              'action.sendWebhook',
              {
                ...VALID_CONFIGS['action.sendWebhook'],
                headers: [
                  { name: 'X-Ok', value: '1' },
                  { name: 'bad name', value: '2' },
                ],
                timeoutMs: 60_000,
                retries: 3,
              },
              'hook',
            ),
          ),
        problems: [
          { rule: 'bad-config', nodeId: 'hook', path: 'config.headers[1].name' },
          { rule: 'bad-config', nodeId: 'hook', path: 'config.timeoutMs' },
          { rule: 'bad-config', nodeId: 'hook', path: 'config' },
        ],
      },
      {
        // manual -> sendWebhook(body template "{{#if x}}" never closed)
        name: 'a template that does not parse',
        graph: () =>
          chain(
            manual(),
            node(
              'action.sendWebhook',
              {
                ...VALID_CONFIGS['action.sendWebhook'],
                body: { mode: 'postData', template: 'a={{#if contact.email}}' },
              },
              'hook',
            ),
          ),
        problems: [{ rule: 'bad-config', nodeId: 'hook', path: 'config.body.template' }],
      },
      {
        // manual -> condition(rule "gt" without a number) -yes/no-> end
        name: 'a rule whose value does not fit its operator',
        graph: () => {
          const c = node(
            'filter.condition',
            { match: 'all', rules: [{ field: 'age', op: 'gt', value: 'old' }] },
            'cond',
          );
          const [s, e] = [manual(), end()];
          return aGraph(
            [s, c, e],
            [
              [s, c],
              [c, e, 'yes'],
              [c, e, 'no'],
            ],
          );
        },
        problems: [{ rule: 'bad-config', nodeId: 'cond', path: 'config.rules[0].value' }],
      },
    ],
  },
  {
    rule: 'dangling-edge',
    cases: [
      {
        // manual -> (ghost)
        name: 'an edge to an element that is gone',
        graph: () => ({ nodes: [manual()], edges: [edge('start', 'ghost', undefined, 'e1')] }),
        problems: [{ rule: 'dangling-edge', edgeId: 'e1' }],
      },
      {
        // (ghost) -> end
        name: 'an edge from an element that is gone',
        graph: () => ({ nodes: [manual(), end()], edges: [edge('ghost', 'end', undefined, 'e1')] }),
        problems: [
          { rule: 'dangling-edge', edgeId: 'e1' },
          { rule: 'unreachable', nodeId: 'end' },
        ],
      },
    ],
  },
  {
    rule: 'edge-into-trigger',
    cases: [
      {
        // manual -> addTag -> tagAdded trigger
        name: 'a connection into a trigger',
        graph: () => chain(manual(), addTag('tag'), node('trigger.tagAdded', undefined, 'trig')),
        problems: [{ rule: 'edge-into-trigger', nodeId: 'trig', edgeId: 'tag->trig' }],
      },
    ],
  },
  {
    rule: 'missing-output',
    cases: [
      {
        // manual -> condition -yes-> end      (no "no")
        name: 'a condition without its no',
        graph: () => {
          const [s, c, e] = [manual(), condition(), end()];
          return aGraph(
            [s, c, e],
            [
              [s, c],
              [c, e, 'yes'],
            ],
          );
        },
        problems: [{ rule: 'missing-output', nodeId: 'cond' }],
      },
      {
        // manual -> split(a,b,c) -a-> end     (b and c unconnected)
        name: 'a split branch without an edge',
        graph: () => {
          const [s, sp, e] = [manual(), split('split', ['a', 'b', 'c']), end()];
          return aGraph(
            [s, sp, e],
            [
              [s, sp],
              [sp, e, 'a'],
            ],
          );
        },
        problems: [
          { rule: 'missing-output', nodeId: 'split' },
          { rule: 'missing-output', nodeId: 'split' },
        ],
      },
    ],
  },
  {
    rule: 'extra-output',
    cases: [
      {
        // manual -> condition -maybe-> end (+ yes, no)
        name: 'a handle the element does not have',
        graph: () => {
          const [s, c, e] = [manual(), condition(), end()];
          return aGraph(
            [s, c, e],
            [
              [s, c],
              [c, e, 'yes'],
              [c, e, 'no'],
              [c, e, 'maybe'],
            ],
          );
        },
        problems: [{ rule: 'extra-output', nodeId: 'cond', edgeId: 'cond->end:maybe' }],
      },
      {
        // manual -> addTag -> end
        //                  -> end2
        name: 'two edges from an action',
        graph: () => {
          const [s, t, e, e2] = [manual(), addTag('tag'), end(), end('end2')];
          return aGraph(
            [s, t, e, e2],
            [
              [s, t],
              [t, e],
              [t, e2],
            ],
          );
        },
        problems: [{ rule: 'extra-output', nodeId: 'tag', edgeId: 'tag->end2' }],
      },
      {
        // manual -> end -> addTag
        name: 'an edge leaving an end',
        graph: () => chain(manual(), end(), addTag('tag')),
        problems: [{ rule: 'extra-output', nodeId: 'end', edgeId: 'end->tag' }],
      },
      {
        // manual -yes-> end
        name: 'a named handle on a single-output element',
        graph: () => {
          const [s, e] = [manual(), end()];
          return aGraph([s, e], [[s, e, 'yes']]);
        },
        problems: [{ rule: 'extra-output', nodeId: 'start', edgeId: 'start->end:yes' }],
      },
    ],
  },
  {
    rule: 'no-trigger',
    cases: [
      {
        // addTag -> end
        name: 'a graph without a trigger',
        graph: () => chain(addTag('tag'), end()),
        problems: [
          { rule: 'no-trigger' },
          { rule: 'unreachable', nodeId: 'tag' },
          { rule: 'unreachable', nodeId: 'end' },
        ],
      },
      {
        // (empty)
        name: 'an empty graph',
        graph: () => aGraph([]),
        problems: [{ rule: 'no-trigger' }],
      },
    ],
  },
  {
    rule: 'unreachable',
    cases: [
      {
        // manual -> end        addTag (alone)
        name: 'an element nothing leads to',
        graph: () => ({ ...chain(manual(), end()), nodes: [manual(), end(), addTag('orphan')] }),
        problems: [{ rule: 'unreachable', nodeId: 'orphan' }],
      },
      {
        // manual -> end        goal(tag customer) -> addTag
        name: 'a goal without allowEntry that nothing leads to',
        graph: () => {
          const [s, e, g, t] = [
            manual(),
            end(),
            node('goal.tagAdded', undefined, 'goal'),
            addTag('tag'),
          ];
          return aGraph(
            [s, e, g, t],
            [
              [s, e],
              [g, t],
            ],
          );
        },
        problems: [
          { rule: 'unreachable', nodeId: 'goal' },
          { rule: 'unreachable', nodeId: 'tag' },
        ],
      },
    ],
  },
  {
    rule: 'cycle-without-wait',
    cases: [
      {
        // manual -> tagA -> tagB -> (back to tagA)
        name: 'a loop of actions',
        graph: () => {
          const [s, a, b] = [manual(), addTag('tagA'), addTag('tagB')];
          return aGraph(
            [s, a, b],
            [
              [s, a],
              [a, b],
              [b, a],
            ],
          );
        },
        problems: [{ rule: 'cycle-without-wait', nodeId: 'tagA' }],
      },
      {
        // manual -> condition -yes-> end
        //                     -no--> (back to condition)
        name: 'a condition looping onto itself',
        graph: () => {
          const [s, c, e] = [manual(), condition(), end()];
          return aGraph(
            [s, c, e],
            [
              [s, c],
              [c, e, 'yes'],
              [c, c, 'no'],
            ],
          );
        },
        problems: [{ rule: 'cycle-without-wait', nodeId: 'cond' }],
      },
      {
        // manual -> tagA -> wait -> tagB -> tagA   and   tagB -> tagC -> tagB (second loop, no wait)
        name: 'a loop without a wait inside a loop with one',
        graph: () => {
          const [s, a, w, b, c] = [
            manual(),
            addTag('tagA'),
            wait('wait'),
            node('filter.condition', undefined, 'tagB'),
            addTag('tagC'),
          ];
          return aGraph(
            [s, a, w, b, c],
            [
              [s, a],
              [a, w],
              [w, b],
              [b, a, 'yes'],
              [b, c, 'no'],
              [c, b],
            ],
          );
        },
        problems: [{ rule: 'cycle-without-wait', nodeId: 'tagB' }],
      },
    ],
  },
])('validateGraph: $rule', ({ cases }) => {
  it.each(cases)('$name', ({ graph, problems }) => {
    expect(brief(validateGraph(graph()))).toEqual(problems);
  });
});

describe('validateGraph: unknown-merge-field', () => {
  // manual -> sendWebhook(url, body, header with merge fields) -> updateField -> end
  const graph = () =>
    chain(
      manual(),
      node(
        'action.sendWebhook',
        {
          ...VALID_CONFIGS['action.sendWebhook'],
          url: 'https://crm.example.com/[Account Code]',
          body: {
            mode: 'postData',
            template: 'color=[Favorite Color]&size=[Shoe Size]&email=[Email]',
          },
          headers: [{ name: 'X-Who', value: '[Nickname]' }],
        },
        'hook',
      ),
      node(
        'action.updateField',
        { field: 'nickname', value: '[First Name] [Middle Name]' },
        'field',
      ),
      end(),
    );

  it('reports each unknown label with the config path it is in', () => {
    const problems = validateGraph(graph(), { knownMergeFields: ['Favorite Color'] });
    expect(brief(problems)).toEqual([
      { rule: 'unknown-merge-field', nodeId: 'hook', path: 'config.url' },
      { rule: 'unknown-merge-field', nodeId: 'hook', path: 'config.body.template' },
      { rule: 'unknown-merge-field', nodeId: 'hook', path: 'config.headers[0].value' },
      { rule: 'unknown-merge-field', nodeId: 'field', path: 'config.value' },
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      'Unknown merge field [Account Code]',
      'Unknown merge field [Shoe Size]',
      'Unknown merge field [Nickname]',
      'Unknown merge field [Middle Name]',
    ]);
  });

  it('checks data-mapping rows too', () => {
    const hook = node(
      'action.sendWebhook',
      {
        ...VALID_CONFIGS['action.sendWebhook'],
        body: {
          mode: 'mapping',
          fields: [
            { name: 'fn', source: 'field', field: '[First Name]' },
            { name: 'x', source: 'field', field: '[Loyalty Tier]' },
            { name: 'static', source: 'value', value: '[Not A Field]' },
          ],
        },
      },
      'hook',
    );
    expect(brief(validateGraph(chain(manual(), hook), { knownMergeFields: [] }))).toEqual([
      { rule: 'unknown-merge-field', nodeId: 'hook', path: 'config.body.fields[1].field' },
    ]);
  });

  it('is not checked without a list of known fields', () => {
    expect(validateGraph(graph())).toEqual([]);
  });
});

describe('validateGraph: order and messages', () => {
  // addTag('') -> manual        (ghost) -> end        sms
  it('lists problems by rule phase, then in graph order, every time', () => {
    const graph = {
      nodes: [addTag('tag', ''), manual(), end(), unknownNode('action.sendSms', 'sms')],
      edges: [edge('tag', 'start', undefined, 'e1'), edge('ghost', 'end', undefined, 'e2')],
    };
    const first = validateGraph(graph);
    expect(brief(first)).toEqual([
      { rule: 'unknown-type', nodeId: 'sms' },
      { rule: 'bad-config', nodeId: 'tag', path: 'config.tag' },
      { rule: 'dangling-edge', edgeId: 'e2' },
      { rule: 'edge-into-trigger', nodeId: 'start', edgeId: 'e1' },
      { rule: 'unreachable', nodeId: 'tag' },
      { rule: 'unreachable', nodeId: 'end' },
      { rule: 'unreachable', nodeId: 'sms' },
    ]);
    expect(validateGraph(graph)).toEqual(first);
    expect(first.every((problem) => problem.message.length > 0)).toBe(true);
  });
});
