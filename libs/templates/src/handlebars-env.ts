import Handlebars from 'handlebars';
import { TemplateError, isTemplateError } from './errors';
import { BLOCK_HELPERS, HELPER_IMPLEMENTATIONS } from './helpers';
import type { Program } from './ast';
import type { RenderProgram, RenderRoot } from './context';

/**
 * One isolated Handlebars environment for Tideway templates: nothing another
 * module registers on the global Handlebars can leak in, and the built-ins we
 * do not allow are removed, not just hidden.
 */
const env = Handlebars.create();
for (const name of ['each', 'with', 'lookup', 'log']) env.unregisterHelper(name);
for (const [name, helper] of Object.entries(HELPER_IMPLEMENTATIONS)) {
  env.registerHelper(name, helper as Handlebars.HelperDelegate);
}

const knownHelpers: Record<string, boolean> = {
  each: false,
  with: false,
  lookup: false,
  log: false,
};
for (const name of BLOCK_HELPERS) knownHelpers[name] = true;
for (const name of Object.keys(HELPER_IMPLEMENTATIONS)) knownHelpers[name] = true;

const COMPILE_OPTIONS = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers,
  noEscape: true,
  data: true,
} as const;

const RUNTIME_OPTIONS: Handlebars.RuntimeOptions = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
  allowCallsToHelperMissing: false,
  partials: {},
  decorators: {},
};

export function parseTemplate(source: string): Program {
  try {
    return env.parse(source) as unknown as Program;
  } catch (error) {
    throw syntaxError(error);
  }
}

/** Compiles a prepared AST now (Handlebars would otherwise compile on first render). */
export function compileProgram(program: Program): RenderProgram {
  let template: Handlebars.TemplateDelegate<RenderRoot>;
  try {
    template = env.compile<RenderRoot>(program, COMPILE_OPTIONS);
    // compile() is lazy; _setup forces it so compile errors surface here, once per template.
    (template as unknown as { _setup(options: object): void })._setup({});
  } catch (error) {
    throw fromHandlebarsError(error, 'forbidden');
  }
  return (root) => {
    try {
      return template(root, RUNTIME_OPTIONS);
    } catch (error) {
      throw fromHandlebarsError(error, 'render-failed');
    }
  };
}

/**
 * Handlebars' parse errors carry the position only in their text; the shared
 * lexer still holds the offending token's location right after the failure.
 */
function syntaxError(error: unknown): TemplateError {
  const message = (error as { message?: string }).message ?? String(error);
  if (!message.startsWith('Parse error')) return fromHandlebarsError(error, 'syntax');
  const detail = message.split('\n').pop() ?? '';
  const got = /got '([^']+)'/.exec(detail)?.[1];
  const lexer = (
    env as unknown as {
      Parser?: { lexer?: { yylloc?: { first_line: number; first_column: number } } };
    }
  ).Parser?.lexer?.yylloc;
  return new TemplateError(
    'syntax',
    `Template syntax error${got ? `: unexpected ${got === 'EOF' ? 'end of template' : got}` : ''}`,
    lexer ? { line: lexer.first_line, column: lexer.first_column + 1 } : undefined,
  );
}

/** A TemplateError for what Handlebars (or a helper it called) threw, at its position if it has one. */
export function fromHandlebarsError(
  error: unknown,
  code: 'syntax' | 'forbidden' | 'render-failed',
): TemplateError {
  if (isTemplateError(error)) return error;
  const e = error as { message?: string; lineNumber?: number; column?: number };
  const message = (e.message ?? String(error)).split('\n')[0].replace(/ - \d+:\d+$/, '');
  const position =
    typeof e.lineNumber === 'number'
      ? { line: e.lineNumber, column: (e.column ?? 0) + 1 }
      : undefined;
  return new TemplateError(code, message, position);
}
