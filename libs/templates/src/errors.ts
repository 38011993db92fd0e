/** Where in the template source a problem is: 1-based line and column. */
export interface TemplatePosition {
  line: number;
  column: number;
}

export type TemplateErrorCode =
  /** The template source is larger than MAX_TEMPLATE_BYTES. */
  | 'template-too-large'
  /** A rendered output is larger than MAX_OUTPUT_BYTES. */
  | 'output-too-large'
  /** Handlebars could not parse the template. */
  | 'syntax'
  /** `[Label]` names no built-in or custom field. */
  | 'unknown-merge-field'
  /** `{{path}}` names nothing in the render context. */
  | 'unknown-variable'
  /** Blocks or sub-expressions nested deeper than MAX_NESTING_DEPTH. */
  | 'too-deep'
  /** A helper outside the allowlist, or a forbidden construct (partials, decorators, `../`). */
  | 'forbidden'
  /** A JSON template is not valid JSON, or rendered to invalid JSON. */
  | 'invalid-json'
  /** Form post data whose structure (`&`) sits inside a block. */
  | 'invalid-post-data'
  /** A helper got an argument it cannot use (bad date pattern, unknown time zone). */
  | 'bad-helper-argument'
  /** Rendering failed for another reason (reported with Handlebars' message). */
  | 'render-failed';

/** The one error type thrown by this library. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';

  constructor(
    readonly code: TemplateErrorCode,
    message: string,
    readonly position?: TemplatePosition,
    /** The merge-field label or variable path the error is about, when there is one. */
    readonly subject?: string,
  ) {
    super(position ? `${message} (line ${position.line}, column ${position.column})` : message);
  }
}

export function isTemplateError(error: unknown): error is TemplateError {
  return error instanceof TemplateError;
}
