export {
  compileTemplate,
  findMergeFields,
  renderFormBody,
  renderFormPairs,
  type CompileTemplateOptions,
  type CompiledFormTemplate,
  type CompiledTemplate,
  type TemplateTarget,
} from './compile';
export type { ContactData, TemplateContext } from './context';
export {
  compileDataMapping,
  renderDataMapping,
  type BodyContentType,
  type CompiledDataMapping,
  type DataMappingRow,
} from './data-mapping';
export { DEFAULT_DATE_PATTERN, formatDate } from './date-format';
export { formDecodeLiteral, formEncodeComponent, serializeForm } from './encodings/form-codec';
export { mergeQuery } from './encodings/url';
export {
  TemplateError,
  isTemplateError,
  type TemplateErrorCode,
  type TemplatePosition,
} from './errors';
export {
  BUILT_IN_MERGE_FIELDS,
  normalizeLabel,
  type FieldDefinition,
  type MergeField,
  type MergeFieldSource,
} from './fields';
export { PUBLIC_HELPERS } from './helpers';
export { looksLikeLabel } from './merge-field-syntax';
export { MAX_NESTING_DEPTH } from './nesting';
export type { MergeFieldUse } from './prepare';
export { MAX_OUTPUT_BYTES, MAX_TEMPLATE_BYTES } from './text';
