import fc from 'fast-check';
import {
  MAX_OUTPUT_BYTES,
  TemplateError,
  compileTemplate,
  findMergeFields,
  type ContactData,
  type TemplateContext,
  type TemplateTarget,
} from './index';
import { CUSTOM_FIELDS } from './testing/factories';

/**
 * Property: for any template text, any target and any contact values,
 * compile + render answers a string or throws a TemplateError; nothing else,
 * and nothing from outside the render context (process, env, prototypes)
 * ever shows in an output or an error message. FUZZ_RUNS scales the runs.
 */
/** This lib type-checks without Node's types (it runs in browsers too); the test runner has an env. */
const env =
  (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const RUNS = Number(env.FUZZ_RUNS ?? 1000);
const CANARY = `canary-${Math.random().toString(36).slice(2)}`;
const TARGETS: TemplateTarget[] = ['text', 'form', 'json', 'url', 'header'];

/** Pieces that mean something to Handlebars, to the merge-field scanner or to an encoder. */
const FRAGMENTS = [
  '{{',
  '}}',
  '{{{',
  '}}}',
  '{{{{',
  '}}}}',
  '{{#if ',
  '{{#unless ',
  '{{/if}}',
  '{{/unless}}',
  '{{else}}',
  '{{else if ',
  '{{^}}',
  '{{~',
  '~}}',
  '{{!--',
  '--}}',
  '{{!',
  '{{>',
  '{{#>',
  '{{*',
  '{{#each ',
  '{{#with ',
  '(',
  ')',
  '"',
  "'",
  '=',
  '&',
  '[',
  ']',
  '\\',
  '\n',
  '\r\n',
  ' ',
  '.',
  '/',
  '../',
  '@root.',
  '@index',
  'this',
  'now',
  'today',
  'timezone',
  'contact',
  'contact.email',
  'contact.fields',
  'contact.tags.[0]',
  'contact.fields.favorite_color',
  'campaign.name',
  'constructor',
  '__proto__',
  'prototype',
  '__defineGetter__',
  'lookup',
  'log',
  'helperMissing',
  'blockHelperMissing',
  'process',
  'tw$jsonValue',
  'default',
  'date',
  'upper',
  'lower',
  'json',
  'urlencode',
  'tz="Europe/Paris"',
  '"YYYY-MM-DD"',
  '[First Name]',
  '[Email]',
  '[Favorite Color]',
  '[Size & Fit]',
  '[Unknown Field]',
  '[constructor]',
  '[__proto__]',
  '{"a": ',
  '}',
  '[1, 2]',
  ',',
  ':',
  'null',
  'true',
  '%',
  '+',
  '%2',
  '\u0000',
  '\ud800',
  '😀',
  '\ufdd0',
  'as |x|',
  '| x |',
];

const templateText = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 })), {
        maxLength: 40,
      })
      .map((parts) => parts.join('')),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 200, unit: 'binary' }) },
);

const value: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '{{constructor}}',
    '[Email]',
    '__proto__',
    'Tom & Jerry',
    '"\\',
    '\ud800',
    CANARY.slice(0, 3),
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date({ noInvalidDate: false }),
  fc.bigInt(),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 4 }),
  fc.dictionary(
    fc.constantFrom('a', '__proto__', 'constructor', 'toString'),
    fc.string({ maxLength: 5 }),
    { maxKeys: 3 },
  ),
  fc.object({ maxDepth: 2, withNullPrototype: true }),
);

const contact: fc.Arbitrary<ContactData> = fc.record(
  {
    id: value,
    email: value,
    firstName: value,
    lastName: value,
    phone: value,
    fields: fc.oneof(
      fc.constant(null),
      fc.dictionary(
        fc.constantFrom(
          'favorite_color',
          'renewal',
          'size_amp',
          '__proto__',
          'constructor',
          'other',
        ),
        value,
        { maxKeys: 5 },
      ),
    ),
    tags: fc.oneof(fc.constant(null), fc.array(fc.string({ maxLength: 10 }), { maxLength: 5 })),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<ContactData>;

const context: fc.Arbitrary<TemplateContext> = fc.record({
  contact: fc.oneof(fc.constant(null), contact),
  campaign: fc.oneof(
    fc.constant(null),
    fc.record({ id: fc.string({ maxLength: 8 }), name: fc.string({ maxLength: 20 }) }),
  ),
  now: fc.oneof(
    fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
    fc.constant('2026-11-23T09:05:07.000Z'),
  ),
  timezone: fc.constantFrom('UTC', 'Europe/Paris', 'Asia/Tokyo'),
});

type Outcome = { output: string } | { error: TemplateError };

function attempt(source: string, target: TemplateTarget, ctx: TemplateContext): Outcome {
  try {
    return { output: compileTemplate(source, { fields: CUSTOM_FIELDS, target }).render(ctx) };
  } catch (error) {
    if (error instanceof TemplateError) return { error };
    throw new Error(`${target} template ${JSON.stringify(source)} threw ${String(error)}`);
  }
}

describe('any template, any target, any contact (fast-check)', () => {
  const totals = { inputs: 0, rendered: 0, refused: 0 };
  beforeAll(() => {
    env.TIDEWAY_FUZZ_CANARY = CANARY;
  });
  afterAll(() => {
    delete env.TIDEWAY_FUZZ_CANARY;
    console.info(
      `templates fuzz: ${totals.inputs} inputs, ${totals.rendered} rendered, ${totals.refused} TemplateErrors, 0 other exceptions`,
    );
  });

  it('renders a string or throws a TemplateError, and leaks nothing', () => {
    fc.assert(
      fc.property(templateText, fc.constantFrom(...TARGETS), context, (source, target, ctx) => {
        totals.inputs++;
        const result = attempt(source, target, ctx);
        const text = 'output' in result ? result.output : result.error.message;
        expect(text).not.toContain(CANARY);
        expect(text).not.toMatch(/function \w*\(|\[native code\]/);
        if ('output' in result) {
          totals.rendered++;
          expect(typeof result.output).toBe('string');
          expect(result.output.length).toBeLessThanOrEqual(MAX_OUTPUT_BYTES);
          if (target === 'json') expect(() => JSON.parse(result.output)).not.toThrow();
          // Values never break a header line; the template's own text is the author's (graph validation refuses it).
          if (target === 'header' && !/[\r\n]/.test(source))
            expect(result.output).not.toMatch(/[\r\n]/);
        } else {
          totals.refused++;
          expect(result.error.code).toEqual(expect.any(String));
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });

  it('lists merge fields of any text or throws a TemplateError (graph validation)', () => {
    fc.assert(
      fc.property(
        templateText,
        fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 }),
        (source, knownLabels) => {
          totals.inputs++;
          try {
            const uses = findMergeFields(source, { knownLabels });
            for (const use of uses) {
              expect(use.position.line).toBeGreaterThanOrEqual(1);
              expect(use.position.column).toBeGreaterThanOrEqual(1);
            }
          } catch (error) {
            if (!(error instanceof TemplateError)) throw error;
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('renders the same bytes for the same contact, however often (compile once, render many)', () => {
    fc.assert(
      fc.property(templateText, fc.constantFrom(...TARGETS), context, (source, target, ctx) => {
        totals.inputs++;
        let compiled;
        try {
          compiled = compileTemplate(source, { fields: CUSTOM_FIELDS, target });
        } catch (error) {
          if (error instanceof TemplateError) return;
          throw error;
        }
        const once = attemptRender(() => compiled.render(ctx));
        expect(attemptRender(() => compiled.render(ctx))).toEqual(once);
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });
});

function attemptRender(render: () => string): string {
  try {
    return render();
  } catch (error) {
    if (error instanceof TemplateError) return `TemplateError ${error.code}`;
    throw error;
  }
}
