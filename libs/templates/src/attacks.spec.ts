import {
  MAX_NESTING_DEPTH,
  MAX_OUTPUT_BYTES,
  MAX_TEMPLATE_BYTES,
  TemplateError,
  compileTemplate,
  findMergeFields,
  type TemplateTarget,
} from './index';
import { CUSTOM_FIELDS, aContext } from './testing/factories';

/**
 * Templates are written by anyone who may edit a campaign, and rendered with
 * values anyone who can reach an inbound URL may set. Whatever they try, the
 * answer is a rendered string or a TemplateError with a position; never
 * another exception, never a value from outside the render context.
 */

const TARGETS: TemplateTarget[] = ['text', 'form', 'json', 'url', 'header'];

function outcome(source: string, target: TemplateTarget = 'text', context = aContext()) {
  try {
    return { output: compileTemplate(source, { fields: CUSTOM_FIELDS, target }).render(context) };
  } catch (error) {
    if (error instanceof TemplateError) return { error };
    throw error;
  }
}

function errorOf(source: string, target: TemplateTarget = 'text', context = aContext()) {
  const result = outcome(source, target, context);
  if (!result.error) throw new Error(`expected a TemplateError, rendered ${result.output}`);
  return result.error;
}

describe('prototype and constructor tricks', () => {
  it.each([
    ['{{constructor.constructor "return process"}}'],
    ['{{default (constructor.constructor "return process") "x"}}'],
    ['{{upper (lookup this "constructor")}}'],
    ['{{lookup this "constructor"}}'],
    ['{{lookup @root "constructor"}}'],
    ['{{#with __proto__}}{{polluted}}{{/with}}'],
    ['{{#with constructor}}{{name}}{{/with}}'],
    ['{{#each __proto__}}{{@key}}{{/each}}'],
    ['{{__proto__}}'],
    ['{{__proto__.polluted}}'],
    ['{{@root.constructor}}'],
    ['{{@root.__proto__}}'],
    ['{{contact.[constructor]}}'],
    ['{{contact.[__proto__]}}'],
    ['{{contact.fields.constructor}}'],
    ['{{contact.tags.constructor}}'],
    ['{{contact.tags.__proto__.length}}'],
    ['{{campaign.__defineGetter__}}'],
    ['{{contact.email.constructor.name}}'],
    ['{{date now tz=constructor}}'],
    ['{{json contact.__lookupGetter__}}'],
    ['{{#if contact as |c|}}{{c.constructor}}{{/if}}'],
    ['{{#if constructor}}yes{{/if}}'],
    ['{{{{raw}}}}{{constructor}}{{{{/raw}}}}'],
    ['{{> (lookup . "constructor")}}'],
    ['{{this.constructor}}'],
    ['{{./constructor}}'],
    ['{{../constructor}}'],
    ['{{process.env.HOME}}'],
    ['{{@root.process}}'],
    ['{{global}}'],
    ['{{helperMissing "constructor"}}'],
  ])('refuses %s with a positioned TemplateError, for every target', (source) => {
    for (const target of TARGETS) {
      const error = errorOf(target === 'form' ? `a=${source}` : source, target);
      expect(['forbidden', 'unknown-variable', 'syntax']).toContain(error.code);
      expect(error.position).toEqual({ line: 1, column: expect.any(Number) });
    }
  });

  it.each([['[constructor]'], ['[ __proto__ ]'], ['{{[constructor]}}'], ['{{[prototype]}}']])(
    '%s is an unknown merge field, not a property lookup',
    (source) => {
      const result = outcome(source);
      if (result.error) expect(result.error.code).toBe('unknown-merge-field');
      // `[__proto__]` does not look like a label (underscores): it stays literal text.
      else expect(result.output).toBe(source);
    },
  );

  it('never reads inherited properties of the values it renders', () => {
    const context = aContext({
      firstName: Object.assign(Object.create({ inherited: 'leak' }), { own: 1 }) as never,
      fields: Object.create({ favorite_color: 'inherited-leak' }) as Record<string, unknown>,
    });
    const output = compileTemplate('[First Name]|[Favorite Color]|{{json contact.fields}}', {
      fields: CUSTOM_FIELDS,
    }).render(context);
    expect(output).not.toContain('leak');
  });

  it('renders Handlebars syntax and prototype names in values as data', () => {
    const values = {
      firstName: '{{constructor.constructor "return process"}}',
      lastName: '__proto__',
      fields: { favorite_color: '{{#with __proto__}}x{{/with}}' },
    };
    for (const target of TARGETS) {
      const template =
        target === 'json'
          ? '{"a": [First Name], "b": "[Last Name]", "c": [Favorite Color]}'
          : 'a=[First Name]&b=[Last Name]&c=[Favorite Color]';
      const output = compileTemplate(template, { fields: CUSTOM_FIELDS, target }).render(
        aContext(values),
      );
      expect(output).not.toContain('function');
      expect(output).not.toMatch(/\[object /);
    }
  });

  it('leaves Object.prototype as it was', () => {
    for (const source of ['{{__proto__.x}}', '{"__proto__": {"polluted": true}}']) {
      outcome(source, 'json');
    }
    compileTemplate('{"__proto__": {"polluted": [First Name]}}', { target: 'json' }).render(
      aContext(),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('templates too large or too deep', () => {
  it('refuses a template over the cap without parsing it', () => {
    const started = Date.now();
    const error = errorOf('{{#if now}}'.repeat(MAX_TEMPLATE_BYTES));
    expect(error.code).toBe('template-too-large');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it.each([
    ['{{#if now}}', '{{/if}}'],
    ['{{#unless now}}', '{{/unless}}'],
    ['{{~#if now~}}', '{{~/if~}}'],
    ['{{^if now}}', '{{/if}}'],
    ['{{#each x}}', '{{/each}}'],
  ])('refuses blocks nested 10,000 deep (%s) quickly, at the opening too many', (open, close) => {
    for (const depth of [MAX_NESTING_DEPTH + 1, 1000, 3000, 10_000]) {
      const source = open.repeat(depth) + 'x' + close.repeat(depth);
      const started = Date.now();
      const error = errorOf(source);
      expect(Date.now() - started).toBeLessThan(1000);
      if (source.length > MAX_TEMPLATE_BYTES) {
        expect(error.code).toBe('template-too-large');
      } else {
        expect(error.code).toBe('too-deep');
        expect(error.position).toEqual({ line: 1, column: open.length * MAX_NESTING_DEPTH + 1 });
      }
    }
  });

  it(`accepts blocks ${MAX_NESTING_DEPTH} deep`, () => {
    const depth = MAX_NESTING_DEPTH;
    const source = '{{#if now}}'.repeat(depth) + '[First Name]' + '{{/if}}'.repeat(depth);
    expect(outcome(source)).toEqual({ output: 'Tom' });
    // Siblings do not add up: many blocks one after the other are fine.
    const flat = '{{#if now}}x{{/if}}'.repeat(1000);
    expect(outcome(flat)).toEqual({ output: 'x'.repeat(1000) });
  });

  it('counts an {{else if}} chain as nesting, as Handlebars builds it', () => {
    const chain = (n: number) => '{{#if now}}a' + '{{else if now}}b'.repeat(n) + '{{/if}}';
    expect(outcome(chain(MAX_NESTING_DEPTH - 1))).toEqual({ output: 'a' });
    const error = errorOf(chain(3000));
    expect(error.code).toBe('too-deep');
    expect(error.position?.line).toBe(1);
  });

  it('refuses sub-expressions nested 5,000 deep quickly', () => {
    for (const depth of [MAX_NESTING_DEPTH + 1, 5000]) {
      const source = '{{' + 'upper ('.repeat(depth) + 'now' + ')'.repeat(depth) + '}}';
      const started = Date.now();
      const error = errorOf(source);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(error.code).toBe('too-deep');
      expect(error.position).toEqual({
        line: 1,
        column: 3 + 'upper ('.length * (MAX_NESTING_DEPTH + 1) - 1,
      });
    }
    expect(outcome('{{upper (lower (default now "x"))}}').output).toBe('2026-11-23T09:05:07.000Z');
  });

  it('ignores blocks and parentheses inside strings, comments and escapes', () => {
    const deep = '{{#if now}}'.repeat(40);
    for (const source of [
      `{{!-- ${deep} --}}ok`,
      `{{default now "${'('.repeat(50)}"}}`,
      `\\${deep.slice(0, 11)}ok`,
    ]) {
      const result = outcome(source);
      expect(result.error?.code).not.toBe('too-deep');
    }
  });

  it('reports deep nesting in graph validation too (findMergeFields)', () => {
    let error: unknown;
    try {
      findMergeFields('{{#if now}}'.repeat(3000));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).code).toBe('too-deep');
  });

  it('refuses a huge output, from blocks or helpers, with output-too-large', () => {
    const big = 'x'.repeat(1000);
    const blocks = '{{#if now}}' + '[First Name]'.repeat(1100) + '{{/if}}';
    expect(errorOf(blocks, 'text', aContext({ firstName: big })).code).toBe('output-too-large');
    const helpers = '{{upper [First Name]}}'.repeat(1100);
    expect(errorOf(helpers, 'text', aContext({ firstName: big })).code).toBe('output-too-large');
    const json = '{"tags": {{json contact.tags}}}';
    const tags = Array.from({ length: MAX_OUTPUT_BYTES / 8 }, () => 'abcdefg');
    expect(errorOf(json, 'json', aContext({ tags })).code).toBe('output-too-large');
  });

  it('stops a flat template as soon as its output passes the cap', () => {
    const huge = 'x'.repeat(MAX_OUTPUT_BYTES / 2);
    const source = '[First Name]'.repeat(5000);
    const started = Date.now();
    expect(errorOf(source, 'text', aContext({ firstName: huge })).code).toBe('output-too-large');
    expect(errorOf(source, 'url', aContext({ firstName: huge })).code).toBe('output-too-large');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('values a template cannot print', () => {
  it.each([
    [
      'a cyclic object',
      () => {
        const cyclic: Record<string, unknown> = {};
        cyclic.self = cyclic;
        return cyclic;
      },
    ],
    ['a BigInt', () => 10n],
    ['a symbol', () => Symbol('s')],
  ])('answers %s in a field with a TemplateError or text', (_name, value) => {
    for (const source of ['{{json contact.id}}', '[Contact ID]', '{{upper [Contact ID]}}']) {
      for (const target of TARGETS) {
        outcome(
          target === 'form' ? `a=${source}` : source,
          target,
          aContext({ id: value() as never }),
        );
      }
    }
  });
});
