import { formatDate } from './date-format';

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
  const nowValue = context.now ?? new Date();
  const now = nowValue instanceof Date ? nowValue : new Date(nowValue);
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
    now: Number.isNaN(now.getTime()) ? '' : now.toISOString(),
    today: Number.isNaN(now.getTime()) ? '' : formatDate(now, 'YYYY-MM-DD', timezone),
    timezone,
  };
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
