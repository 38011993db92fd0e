import { BUILT_IN_CONTACT_KEYS, type BuiltInContactKey } from './fields';
import { clockText } from './render-clock';

/** The contact a template is rendered for (the API's Contact shape, all optional). */
export interface ContactData {
  id?: string | number | null;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  /** Custom field values by key. */
  fields?: Readonly<Record<string, unknown>> | null;
  tags?: readonly string[] | null;
}

/** What `render` receives. */
export interface TemplateContext {
  contact?: ContactData | null;
  campaign?: { id?: string | null; name?: string | null } | null;
  /** The step's clock. Defaults to the current time; the engine passes its injected clock. */
  now?: Date | string | number;
  /** IANA zone for `[Date]` and `{{date}}` without `tz=`; default UTC. */
  timezone?: string;
}

/**
 * The object Handlebars actually sees. Built fresh per render with exactly the
 * names templates may use (compile-time checks rely on that), so a missing
 * value renders empty instead of tripping strict mode, and nothing a caller
 * passes in beyond those names is reachable.
 */
export interface RenderRoot {
  contact: {
    id: unknown;
    email: unknown;
    firstName: unknown;
    lastName: unknown;
    phone: unknown;
    fields: Record<string, unknown>;
    tags: readonly string[];
  };
  campaign: { id: unknown; name: unknown };
  now: string;
  today: string;
  timezone: string;
}

/** Top-level names a `{{ }}` expression may start with, and what lies below each. */
export const ROOT_NAMES = ['contact', 'campaign', 'now', 'today', 'timezone'] as const;
export const CONTACT_NAMES = ['id', 'email', 'firstName', 'lastName', 'phone', 'fields', 'tags'];
export const CAMPAIGN_NAMES = ['id', 'name'];

export function buildRenderRoot(
  context: TemplateContext,
  customKeys: readonly string[],
): RenderRoot {
  const contact = context.contact ?? {};
  const timezone = context.timezone ?? 'UTC';
  const { now, today } = clockText(context.now ?? Date.now(), timezone);
  const fields = Object.create(null) as Record<string, unknown>;
  for (const key of customKeys) fields[key] = plain(ownValue(contact.fields, key));
  return {
    contact: {
      id: plain(contact.id),
      email: plain(contact.email),
      firstName: plain(contact.firstName),
      lastName: plain(contact.lastName),
      phone: plain(contact.phone),
      fields,
      tags: [...(contact.tags ?? [])],
    },
    campaign: { id: plain(context.campaign?.id), name: plain(context.campaign?.name) },
    now,
    today,
    timezone,
  };
}

/** What renders a template (or a piece of one) from a render root. */
export type RenderProgram = (root: RenderRoot) => string;

/** Reads one value out of a render root. */
export type RootReader = (root: RenderRoot) => unknown;

/**
 * A direct read of `path` (`['contact', 'email']`), for the paths every root
 * holds as a plain value of its own: the contact's built-in values and custom
 * fields, the campaign's id and name, `now` and `today`. These are all a merge
 * field can name. Any other path (`contact.tags.[3]`, `contact`, `timezone`,
 * which is the caller's as given) is left to Handlebars and its strict mode:
 * undefined.
 */
export function rootReader(
  path: readonly string[],
  customKeys: readonly string[],
): RootReader | undefined {
  const [first, second, third] = path;
  if (path.length === 1 && (first === 'now' || first === 'today')) {
    return (root) => root[first];
  }
  if (first === 'contact' && path.length === 2 && isBuiltInContactKey(second)) {
    return (root) => root.contact[second];
  }
  if (
    first === 'contact' &&
    second === 'fields' &&
    path.length === 3 &&
    customKeys.includes(third)
  ) {
    return (root) => root.contact.fields[third];
  }
  if (first === 'campaign' && path.length === 2 && (second === 'id' || second === 'name')) {
    return (root) => root.campaign[second];
  }
  return undefined;
}

function isBuiltInContactKey(key: string): key is BuiltInContactKey {
  return (BUILT_IN_CONTACT_KEYS as readonly string[]).includes(key);
}

/** Only the caller's own data: `fields.constructor` must not find Object. */
function ownValue(
  source: Readonly<Record<string, unknown>> | null | undefined,
  key: string,
): unknown {
  return source && Object.prototype.hasOwnProperty.call(source, key) ? source[key] : undefined;
}

function plain(value: unknown): unknown {
  if (value === undefined || typeof value === 'function') return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  return value;
}
