/**
 * JSON bodies. The template is JSON with `{{ }}` / `[Label]` in it; each
 * value is JSON-escaped for where it stands:
 *  - inside a string literal, `"Hi [First Name]"`: escaped without quotes;
 *  - standing alone as a value, `{"email": [Email]}`: a JSON string;
 *  - `{{json x}}` standing alone: its own JSON (numbers, arrays, objects).
 * The template is checked for validity at compile time (with every value
 * standing in as an empty string), and every rendered body is parsed again,
 * so a body that leaves this library is always valid JSON.
 */
import type { Program } from '../ast';
import { TemplateError } from '../errors';
import { ENCODER_HELPERS } from '../helpers';
import { isJsonHelperCall, wrapMustache } from './wrap';

type LexState = 'value' | 'string' | 'escape';

function advance(state: LexState, text: string): LexState {
  for (const ch of text) {
    if (state === 'escape') state = 'string';
    else if (state === 'string') state = ch === '\\' ? 'escape' : ch === '"' ? 'value' : 'string';
    else if (ch === '"') state = 'string';
  }
  return state;
}

/** Wraps every output in its JSON encoder and returns a skeleton for validation. */
export function encodeJsonProgram(program: Program): void {
  const skeleton = walk(program, 'value');
  try {
    JSON.parse(skeleton.text);
  } catch (error) {
    throw new TemplateError(
      'invalid-json',
      `The JSON template is not valid JSON: ${(error as Error).message}`,
    );
  }
}

function walk(program: Program, entry: LexState): { text: string; state: LexState } {
  let state = entry;
  let text = '';
  for (const statement of program.body) {
    if (statement.type === 'ContentStatement') {
      state = advance(state, statement.value);
      text += statement.value;
    } else if (statement.type === 'MustacheStatement') {
      if (state !== 'value') {
        wrapMustache(statement, ENCODER_HELPERS.jsonInString);
        state = 'string';
      } else if (isJsonHelperCall(statement)) {
        text += 'null';
      } else {
        wrapMustache(statement, ENCODER_HELPERS.jsonValue);
        text += '""';
      }
    } else if (statement.type === 'BlockStatement') {
      // The skeleton takes the {{#if}} branch (or the {{else}} when there is none).
      const branch = statement.program ? walk(statement.program, state) : undefined;
      const inverse = statement.inverse ? walk(statement.inverse, state) : undefined;
      const taken = branch && branch.text !== '' ? branch : (inverse ?? branch);
      if (taken) {
        text += taken.text;
        state = taken.state;
      }
    }
  }
  return { text, state };
}

export function assertValidJson(body: string): string {
  try {
    JSON.parse(body);
  } catch (error) {
    throw new TemplateError(
      'invalid-json',
      `The rendered body is not valid JSON: ${(error as Error).message}`,
    );
  }
  return body;
}
