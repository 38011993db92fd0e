/**
 * Compile once (per revision), render many (per contact).
 */
import type { Program } from './ast';
import { type RenderProgram, type TemplateContext, buildRenderRoot } from './context';
import { compilePostData, splitPostData } from './encodings/form';
import { assertValidJson, encodeJsonProgram } from './encodings/json';
import { encodeHeaderProgram, encodeUrlProgram } from './encodings/url';
import { TemplateError } from './errors';
import { type FieldDefinition, MergeFieldTable } from './fields';
import { compileFlatProgram } from './flat-program';
import { compileProgram } from './handlebars-env';
import { type MergeFieldUse, prepareTemplate } from './prepare';
import { assertOutputSize } from './text';

/**
 * What the rendered text is for; it decides how each value is encoded.
 * - `text`: as is (action.updateField values, previews)
 * - `form`: post data, `a=[First Name]&b=…`, form-encoded per name and value
 * - `json`: a JSON template, values JSON-escaped, output always valid JSON
 * - `url`: each value encodeURIComponent'd as one path segment / query value
 * - `header`: CR and LF in values become spaces
 */
export type TemplateTarget = 'text' | 'form' | 'json' | 'url' | 'header';

export interface CompileTemplateOptions<T extends TemplateTarget = TemplateTarget> {
  /** The workspace's custom fields; built-ins are always known. */
  fields?: readonly FieldDefinition[];
  target?: T;
}

export interface CompiledTemplate {
  readonly source: string;
  readonly target: TemplateTarget;
  /** Canonical labels of the merge fields used, in order of first use. */
  readonly mergeFields: readonly string[];
  /** Throws TemplateError (output-too-large, invalid-json, bad-helper-argument, render-failed). */
  render(context: TemplateContext): string;
}

export interface CompiledFormTemplate extends CompiledTemplate {
  readonly target: 'form';
  /** The decoded name/value pairs, for GET query strings or inspection. */
  renderPairs(context: TemplateContext): Array<[string, string]>;
}

export function compileTemplate(
  source: string,
  options: CompileTemplateOptions<'form'> & { target: 'form' },
): CompiledFormTemplate;
export function compileTemplate(source: string, options?: CompileTemplateOptions): CompiledTemplate;
export function compileTemplate(
  source: string,
  options: CompileTemplateOptions = {},
): CompiledTemplate {
  const target = options.target ?? 'text';
  const table = new MergeFieldTable(options.fields);
  const { program, uses } = prepareTemplate(source, { table });
  assertAllKnown(uses);
  const mergeFields = [...new Set(uses.map((use) => use.label))];
  const root = (context: TemplateContext) => buildRenderRoot(context, table.customKeys);
  // Literal text and values only render flat (flat-program.ts); the rest through Handlebars.
  const toRenderProgram = (p: Program): RenderProgram =>
    compileFlatProgram(p, table.customKeys) ?? compileProgram(p);

  if (target === 'form') {
    const postData = compilePostData(splitPostData(program), toRenderProgram);
    const compiled: CompiledFormTemplate = {
      source,
      target,
      mergeFields,
      renderPairs: (context) => postData.pairs(root(context)),
      render: (context) => postData.body(root(context)),
    };
    return compiled;
  }

  const encode: Record<Exclude<TemplateTarget, 'form'>, (p: Program) => void> = {
    text: () => undefined,
    json: encodeJsonProgram,
    url: encodeUrlProgram,
    header: encodeHeaderProgram,
  };
  encode[target](program);
  const run = toRenderProgram(program);
  return {
    source,
    target,
    mergeFields,
    render: (context) => {
      const output = assertOutputSize(run(root(context)));
      return target === 'json' ? assertValidJson(output) : output;
    },
  };
}

function assertAllKnown(uses: readonly MergeFieldUse[]): void {
  const unknown = uses.find((use) => !use.known);
  if (unknown) {
    throw new TemplateError(
      'unknown-merge-field',
      `Unknown merge field [${unknown.label}]`,
      unknown.position,
      unknown.label,
    );
  }
}

/** `renderFormBody(compiled, context)`: the urlencoded body of a post-data template. */
export function renderFormBody(compiled: CompiledFormTemplate, context: TemplateContext): string {
  return compiled.render(context);
}

/** Name/value pairs of a post-data template, e.g. for `mergeQuery` on a GET. */
export function renderFormPairs(
  compiled: CompiledFormTemplate,
  context: TemplateContext,
): Array<[string, string]> {
  return compiled.renderPairs(context);
}

/**
 * Merge fields of a template, known or not, with positions; for editors and
 * graph validation. Only syntax errors throw.
 */
export function findMergeFields(
  source: string,
  options: { fields?: readonly FieldDefinition[]; knownLabels?: readonly string[] } = {},
): MergeFieldUse[] {
  const table = new MergeFieldTable([
    ...(options.fields ?? []),
    ...(options.knownLabels ?? []).map((label) => ({ key: label, label })),
  ]);
  return prepareTemplate(source, { table, scanOnly: true }).uses;
}
