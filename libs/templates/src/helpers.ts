import type { HelperOptions } from 'handlebars';
import { DEFAULT_DATE_PATTERN, formatDate } from './date-format';
import { TemplateError } from './errors';
import { toText, toWellFormed } from './text';

/**
 * The helpers a template may call. Everything else (each, with, lookup, log,
 * partials, decorators) is refused at compile time: no context changes and no
 * loops keeps rendering linear in the template size and makes every variable
 * checkable before the first contact is rendered.
 */
export const PUBLIC_HELPERS = ['default', 'date', 'upper', 'lower', 'json', 'urlencode'] as const;
export const BLOCK_HELPERS = ['if', 'unless'] as const;

/** Encoders the compiler wraps around `{{ }}` outputs; templates cannot name them. */
export const ENCODER_HELPERS = {
  jsonInString: 'tw$jsonInString',
  jsonValue: 'tw$jsonValue',
  urlComponent: 'tw$urlComponent',
  headerValue: 'tw$headerValue',
} as const;

type Helper = (...args: unknown[]) => unknown;

/** Handlebars passes its options object last; these split it off. */
function split(args: unknown[]): { values: unknown[]; options: HelperOptions } {
  return { values: args.slice(0, -1), options: args[args.length - 1] as HelperOptions };
}

const isBlank = (value: unknown) => value === null || value === undefined || value === '';

export const HELPER_IMPLEMENTATIONS: Record<string, Helper> = {
  /** {{default [Nickname] "friend"}}: the value, or the fallback when it is empty. */
  default: (...args) => {
    const { values } = split(args);
    const [value, fallback] = values;
    return isBlank(value) ? (fallback ?? '') : value;
  },
  /** {{date value "YYYY-MM-DD HH:mm" tz="Europe/Paris"}}; UTC unless tz or the context's timezone. */
  date: (...args) => {
    const { values, options } = split(args);
    const [value, pattern] = values;
    if (pattern !== undefined && typeof pattern !== 'string') {
      throw new TemplateError('bad-helper-argument', 'The date pattern must be a string');
    }
    const root = options.data?.root as { timezone?: string } | undefined;
    const tz = options.hash?.tz ?? root?.timezone ?? 'UTC';
    if (typeof tz !== 'string') {
      throw new TemplateError('bad-helper-argument', 'tz must be an IANA time-zone name');
    }
    return formatDate(value, pattern ?? DEFAULT_DATE_PATTERN, tz);
  },
  upper: (...args) => toText(split(args).values[0]).toUpperCase(),
  lower: (...args) => toText(split(args).values[0]).toLowerCase(),
  json: (...args) => JSON.stringify(split(args).values[0] ?? null),
  urlencode: (...args) => encodeURIComponent(toWellFormed(toText(split(args).values[0]))),

  [ENCODER_HELPERS.jsonInString]: (...args) =>
    JSON.stringify(toText(split(args).values[0])).slice(1, -1),
  [ENCODER_HELPERS.jsonValue]: (...args) => JSON.stringify(toText(split(args).values[0])),
  [ENCODER_HELPERS.urlComponent]: (...args) =>
    encodeURIComponent(toWellFormed(toText(split(args).values[0]))),
  // A contact's value must never start a new header line.
  [ENCODER_HELPERS.headerValue]: (...args) =>
    toText(split(args).values[0]).replace(/[\r\n\0]+/g, ' '),
};
