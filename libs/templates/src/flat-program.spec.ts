import type { Program } from './ast';
import { buildRenderRoot } from './context';
import { encodeJsonProgram } from './encodings/json';
import { encodeHeaderProgram, encodeUrlProgram } from './encodings/url';
import { TemplateError } from './errors';
import { MergeFieldTable } from './fields';
import { compileFlatProgram } from './flat-program';
import { compileProgram } from './handlebars-env';
import { prepareTemplate } from './prepare';
import { CUSTOM_FIELDS, aContext } from './testing/factories';

const table = new MergeFieldTable(CUSTOM_FIELDS);

/** The same prepared (and, for a target, encoder-wrapped) program, rendered both ways. */
function programs(source: string, encode: (program: Program) => void) {
  const prepare = () => {
    const { program } = prepareTemplate(source, { table });
    encode(program);
    return program;
  };
  const flat = compileFlatProgram(prepare(), table.customKeys);
  if (!flat) throw new Error(`${source} should render flat`);
  return { flat, handlebars: compileProgram(prepare()) };
}

function outcome(render: () => string): string {
  try {
    return render();
  } catch (error) {
    return error instanceof TemplateError ? `${error.code}: ${error.message}` : String(error);
  }
}

const VALUES: Array<[string, unknown]> = [
  ['text', 'Tom & Jerry "quoted"\r\n'],
  ['an empty string', ''],
  ['null', null],
  ['undefined', undefined],
  ['zero', 0],
  ['a number', 1.5],
  ['false', false],
  ['a date', new Date('2027-01-31T00:00:00Z')],
  ['an array', ['a', null, 2]],
  ['an object', { a: 1 }],
  [
    'an object that prints differently as a string and as a value',
    { toString: () => 's', valueOf: () => 'v' },
  ],
  ['an object with no prototype', Object.create(null) as object],
  ['a function', () => 'called'],
  ['a lone surrogate', 'x\ud83dy'],
];

const SOURCES: Array<[string, string, (program: Program) => void]> = [
  [
    'text',
    '<[Favorite Color]|{{contact.fields.favorite_color}}|{{@root.contact.firstName}}>',
    () => undefined,
  ],
  [
    'json',
    '{"a": [Favorite Color], "b": "Hi [Favorite Color]!", "c": [First Name]}',
    encodeJsonProgram,
  ],
  ['url', 'https://x.test/[Favorite Color]?q={{contact.fields.favorite_color}}', encodeUrlProgram],
  ['header', 'Bearer [Favorite Color] [Date] {{now}} {{campaign.name}}', encodeHeaderProgram],
];

describe.each(SOURCES)('a %s template of literal text and values', (_target, source, encode) => {
  const { flat, handlebars } = programs(source, encode);

  it.each(VALUES)('prints %s as Handlebars does', (_name, value) => {
    const root = buildRenderRoot(
      aContext({ firstName: value as string, fields: { favorite_color: value } }),
      table.customKeys,
    );
    expect(outcome(() => flat(root))).toBe(outcome(() => handlebars(root)));
  });
});

describe('templates left to Handlebars', () => {
  it.each([
    ['a helper', '{{upper [First Name]}}'],
    ['a block', '{{#if contact.email}}[First Name]{{/if}}'],
    ['an array element, which strict mode may refuse', '{{contact.tags.[3]}}'],
    ['a whole object', '{{contact}}'],
    ['the caller’s time zone, as given', '{{timezone}}'],
    ['{{json}} in a JSON body', '{"tags": {{json contact.tags}}}'],
  ])('%s', (_name, source) => {
    const { program } = prepareTemplate(source, { table });
    if (source.startsWith('{"')) encodeJsonProgram(program);
    expect(compileFlatProgram(program, table.customKeys)).toBeUndefined();
  });
});
