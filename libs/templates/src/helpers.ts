import type { HelperOptions } from 'handlebars';
import { DEFAULT_DATE_PATTERN, formatDate } from './date-format';
import { TemplateError } from './errors';
import { encodeWellFormedURIComponent, toText } from './text';

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

export type EncoderName = (typeof ENCODER_HELPERS)[keyof typeof ENCODER_HELPERS];

/** The encoders as functions of the value, for Handlebars and for flat templates alike. */
export const ENCODERS: Readonly<Record<EncoderName, (value: unknown) => string>> = {
  [ENCODER_HELPERS.jsonInString]: (value) => JSON.stringify(toText(value)).slice(1, -1),
  [ENCODER_HELPERS.jsonValue]: (value) => JSON.stringify(toText(value)),
  [ENCODER_HELPERS.urlComponent]: (value) => encodeWellFormedURIComponent(toText(value)),
  // A contact's value must never start a new header line.
  [ENCODER_HELPERS.headerValue]: (value) => toText(value).replace(/[\r\n\0]+/g, ' '),
};

export function isEncoderName(name: string): name is EncoderName {
  return Object.prototype.hasOwnProperty.call(ENCODERS, name);
}

type Helper = (...args: unknown[]) => unknown;

/** Handlebars passes its options object last; these split it off. */
function split(args: unknown[]): { values: unknown[]; options: HelperOptions } {
  return { values: args.slice(0, -1), options: args[args.length - 1] as HelperOptions };
}

/** An encoder as a helper: `{{tw$urlComponent x}}`. */
const encoderHelper =
  (encode: (value: unknown) => string): Helper =>
  (...args) =>
    encode(split(args).values[0]);

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
  urlencode: (...args) => encodeWellFormedURIComponent(toText(split(args).values[0])),
  ...Object.fromEntries(
    Object.entries(ENCODERS).map(([name, encode]) => [name, encoderHelper(encode)]),
  ),
};
