import fc from 'fast-check';
import {
  NODE_TYPES,
  PROBLEM_RULES,
  diffGraphs,
  graphEnvelopeSchema,
  graphSchema,
  validateGraph,
  type GraphDraft,
  type Problem,
} from './index';
import { VALID_CONFIGS } from './testing/factories';

/**
 * Property: whatever a client sends as a graph, the envelope schema answers
 * (success or issues) and validateGraph answers a list of problems; neither
 * ever throws. FUZZ_RUNS scales the runs.
 */
/** This lib type-checks without Node's types (it runs in browsers too); the test runner has an env. */
const env =
  (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const RUNS = Number(env.FUZZ_RUNS ?? 500);
const totals = { inputs: 0, problems: 0 };

afterAll(() => {
  console.info(
    `graph fuzz: ${totals.inputs} inputs, ${totals.problems} problems reported, 0 exceptions`,
  );
});

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

/** Text that means something to templates, URLs and headers. */
const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    '[First Name]',
    '[Unknown]',
    '{{#if now}}',
    '{{/if}}',
    '{{constructor.constructor "return process"}}',
    '{{#if now}}'.repeat(40),
    'https://crm.example.com/hook?a=[Email]',
    'http://127.0.0.1/x',
    'javascript:alert(1)',
    'a=[First Name]&b=[Email]',
    '{"a": [Email]}',
    'line\r\nbreak',
    'x'.repeat(70_000),
    'whsec_' + 'A'.repeat(44),
    ...PROTOTYPE_KEYS,
  ),
);

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: text },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer() },
  {
    weight: 1,
    arbitrary: fc.constantFrom(null, true, false, -1, 0, 1e308, Number.MAX_SAFE_INTEGER + 2),
  },
);

/** A valid config with one value replaced, removed or added somewhere in it. */
function mutated(config: unknown): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      fc.nat(),
      fc.constantFrom('set', 'delete', 'add'),
      fc.oneof(text, fc.constantFrom(...PROTOTYPE_KEYS)),
      anyValue,
    )
    .map(([pick, op, key, value]) => {
      const copy = JSON.parse(JSON.stringify(config ?? {}));
      const holders: Record<string, unknown>[] = [];
      const collect = (node: unknown) => {
        if (node && typeof node === 'object') {
          holders.push(node as Record<string, unknown>);
          Object.values(node).forEach(collect);
        }
      };
      collect(copy);
      const holder = holders[pick % Math.max(1, holders.length)];
      if (!holder) return copy;
      const keys = Object.keys(holder);
      const existing = keys[pick % Math.max(1, keys.length)];
      if (op === 'delete' && existing !== undefined) delete holder[existing];
      else if (op === 'set' && existing !== undefined) holder[existing] = value;
      else
        Object.defineProperty(holder, key, {
          value,
          enumerable: true,
          configurable: true,
          writable: true,
        });
      return copy;
    });
}

const nodeType = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...NODE_TYPES) },
  { weight: 1, arbitrary: fc.constantFrom('trigger.nothing', 'action', '', ...PROTOTYPE_KEYS) },
);

/** The example config of a real type; `{}` for the rest (`toString` must not find Object's). */
function validConfigOf(type: string): unknown {
  return Object.prototype.hasOwnProperty.call(VALID_CONFIGS, type)
    ? VALID_CONFIGS[type as keyof typeof VALID_CONFIGS]
    : {};
}

function aNode(ids: string[]) {
  return nodeType.chain((type) =>
    fc.record({
      id: fc.constantFrom(...ids),
      type: fc.constant(type),
      position: fc.record({ x: fc.integer(), y: fc.integer() }),
      data: fc.record(
        {
          label: fc.string({ maxLength: 10 }),
          config: fc.oneof(
            { weight: 4, arbitrary: fc.constant(validConfigOf(type)) },
            { weight: 4, arbitrary: mutated(validConfigOf(type)) },
            { weight: 1, arbitrary: fc.anything({ maxDepth: 3, withNullPrototype: true }) },
          ),
        },
        { requiredKeys: [] },
      ),
    }),
  );
}

function anEdge(ids: string[]) {
  return fc.record(
    {
      id: fc.oneof(
        fc.constantFrom('e1', 'e2', 'e3', '__proto__'),
        fc.string({ minLength: 1, maxLength: 8 }),
      ),
      source: fc.oneof(fc.constantFrom(...ids), fc.constant('nowhere')),
      target: fc.oneof(fc.constantFrom(...ids), fc.constant('nowhere')),
      sourceHandle: fc.constantFrom('yes', 'no', 'a', 'b', null, 'constructor', ''),
    },
    { requiredKeys: ['id', 'source', 'target'] },
  );
}

/** Graphs built of real node types, valid configs and near-valid ones, edges good and bad. */
const structuredGraph: fc.Arbitrary<GraphDraft> = fc
  .uniqueArray(
    fc.oneof(
      fc.constantFrom('start', 'a', 'b', 'c', 'end', ...PROTOTYPE_KEYS),
      fc.string({ minLength: 1, maxLength: 6 }),
    ),
    {
      minLength: 1,
      maxLength: 8,
    },
  )
  .chain((ids) =>
    fc.record({
      nodes: fc.array(aNode(ids), { maxLength: 12 }),
      edges: fc.array(anEdge(ids), { maxLength: 14 }),
    }),
  ) as fc.Arbitrary<GraphDraft>;

function expectWellFormed(problems: Problem[], graph: GraphDraft): void {
  const nodeIds = new Set(graph.nodes.map((node) => node.id));
  const edgeIds = new Set(graph.edges.map((edge) => edge.id));
  const order = problems.map((problem) => PROBLEM_RULES.indexOf(problem.rule));
  expect(order).toEqual([...order].sort((a, b) => a - b));
  for (const problem of problems) {
    expect(PROBLEM_RULES).toContain(problem.rule);
    expect(typeof problem.message).toBe('string');
    expect(problem.message.length).toBeGreaterThan(0);
    if (problem.nodeId !== undefined) expect(nodeIds.has(problem.nodeId)).toBe(true);
    if (problem.edgeId !== undefined) expect(edgeIds.has(problem.edgeId)).toBe(true);
    if (problem.path !== undefined) expect(problem.path).toMatch(/^config(\.|\[|$)/);
  }
  totals.problems += problems.length;
}

describe('validateGraph on anything (fast-check)', () => {
  it('parses any JSON value as an envelope or refuses it, and validates what it accepts', () => {
    const anyGraphish = fc.oneof(
      fc.anything({ maxDepth: 4, withNullPrototype: true, withBigInt: true, withDate: true }),
      fc.record({ nodes: fc.anything({ maxDepth: 3 }), edges: fc.anything({ maxDepth: 3 }) }),
      fc.record({
        nodes: fc.array(fc.anything({ maxDepth: 3 }), { maxLength: 4 }),
        edges: fc.constant([]),
      }),
    );
    fc.assert(
      fc.property(anyGraphish, (input) => {
        totals.inputs++;
        const parsed = graphEnvelopeSchema.safeParse(input);
        if (parsed.success) expectWellFormed(validateGraph(parsed.data), parsed.data);
        else expect(parsed.error.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers well-formed, ordered, repeatable problems for any graph of real and unreal elements', () => {
    fc.assert(
      fc.property(
        structuredGraph,
        fc.option(fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 })),
        (graph, known) => {
          totals.inputs++;
          const envelope = graphEnvelopeSchema.safeParse(graph);
          if (!envelope.success) return;
          const context = known ? { knownMergeFields: known } : {};
          const problems = validateGraph(envelope.data, context);
          expectWellFormed(problems, envelope.data);
          expect(validateGraph(envelope.data, context)).toEqual(problems);
          // No problem means every element is sound: the strict schema agrees.
          if (problems.length === 0)
            expect(graphSchema.safeParse(envelope.data).success).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('diffs any two graphs without throwing', () => {
    fc.assert(
      fc.property(structuredGraph, structuredGraph, (a, b) => {
        totals.inputs++;
        const before = graphEnvelopeSchema.safeParse(a);
        const after = graphEnvelopeSchema.safeParse(b);
        if (!before.success || !after.success) return;
        const diff = diffGraphs(before.data, after.data);
        expect(Array.isArray(diff.nodes.added)).toBe(true);
        // A graph against itself is unchanged (ids are what a diff matches by, so they must be unique).
        const ids = before.data.nodes.map((node) => node.id);
        if (new Set(ids).size === ids.length) {
          expect(diffGraphs(before.data, before.data).nodes.changed).toEqual([]);
        }
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('leaves Object.prototype as it was', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const graph = JSON.parse(
      '{"nodes": [{"id": "a", "type": "action.addTag", "position": {"x": 0, "y": 0}, "data": {"config": {"__proto__": {"polluted": 1}, "tag": "x"}}}], "edges": []}',
    );
    const parsed = graphEnvelopeSchema.parse(graph);
    validateGraph(parsed);
    diffGraphs(parsed, parsed);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('validateGraph on hostile configs', () => {
  const webhook = (config: Record<string, unknown>): GraphDraft => ({
    nodes: [
      { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, data: { config: {} } },
      {
        id: 'hook',
        type: 'action.sendWebhook',
        position: { x: 0, y: 0 },
        data: { config: { ...VALID_CONFIGS['action.sendWebhook'], ...config } },
      },
    ],
    edges: [{ id: 'e', source: 'start', target: 'hook' }],
  });
  const badConfig = (graph: GraphDraft) =>
    validateGraph(graph)
      .filter((problem) => problem.rule === 'bad-config')
      .map(({ path, message }) => ({ path, message }));

  it('refuses a header value that would break the header line', () => {
    for (const value of ['a\r\nX-Injected: 1', 'a\nb', 'a\u0000b']) {
      expect(badConfig(webhook({ headers: [{ name: 'X-Note', value }] }))).toEqual([
        { path: 'config.headers[0].value', message: 'A header value cannot contain a line break' },
      ]);
    }
    expect(badConfig(webhook({ headers: [{ name: 'X-Note', value: '[First Name] ok' }] }))).toEqual(
      [],
    );
  });

  it('reports templates nested too deep as bad-config at their path, quickly', () => {
    const started = Date.now();
    const template = '{{#if now}}'.repeat(3000) + '{{/if}}'.repeat(3000);
    expect(badConfig(webhook({ body: { mode: 'postData', template } }))).toEqual([
      { path: 'config.body.template', message: expect.stringContaining('nest more than') },
    ]);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
