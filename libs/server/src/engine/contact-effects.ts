import type { ContactChange, Effect } from '@tideway/engine';
import { isBuiltInField } from '@tideway/engine';
import type { EntityManager } from 'typeorm';
import { rowsReturnedBy } from '../database/rows-returned-by';
import { preparedQuery } from '../database/prepared-query';

const COLUMN_OF = {
  email: 'email',
  firstName: 'first_name',
  lastName: 'last_name',
  phone: 'phone',
} as const;

/**
 * Applies a step's contact effects with one atomic statement each, so steps
 * of the same contact in other campaigns, running at the same moment, never
 * overwrite each other's changes (no read-modify-write of the tag array or
 * the fields object). Answers what actually changed, for triggers and goals.
 */
export async function applyContactEffects(
  manager: EntityManager,
  contactId: string,
  effects: readonly Effect[],
  now: Date,
): Promise<ContactChange> {
  const change = {
    tagsAdded: [] as string[],
    tagsRemoved: [] as string[],
    fieldsChanged: [] as string[],
  };
  for (const effect of effects) {
    switch (effect.kind) {
      case 'addTag':
        if (
          await changed(
            manager,
            `tags = array_append(tags, $2)`,
            `NOT ($2 = ANY (tags))`,
            contactId,
            effect.tag,
            now,
          )
        ) {
          change.tagsAdded.push(effect.tag);
        }
        break;
      case 'removeTag':
        if (
          await changed(
            manager,
            `tags = array_remove(tags, $2)`,
            `$2 = ANY (tags)`,
            contactId,
            effect.tag,
            now,
          )
        ) {
          change.tagsRemoved.push(effect.tag);
        }
        break;
      case 'updateField':
        if (await updateField(manager, contactId, effect.field, effect.value, now))
          change.fieldsChanged.push(effect.field);
        break;
      case 'sendWebhook':
        break;
    }
  }
  return change;
}

export type ContactEffects = { contactId: string; effects: readonly Effect[] };

/**
 * The same for a batch of steps of distinct contacts: the k-th effect of
 * every contact is applied together, one statement per kind, so a contact's
 * effects still apply in their order and each statement stays atomic. Field
 * updates, rarer and of several shapes, go one by one. Answers each
 * contact's change.
 */
export async function applyContactEffectsOfMany(
  manager: EntityManager,
  batch: readonly ContactEffects[],
  now: Date,
): Promise<Map<string, ContactChange>> {
  const changes = new Map(batch.map(({ contactId }) => [contactId, noChange()]));
  const longest = Math.max(0, ...batch.map(({ effects }) => effects.length));
  for (let k = 0; k < longest; k++) {
    const nth = batch.flatMap(({ contactId, effects }) =>
      effects[k] ? [{ contactId, effect: effects[k] }] : [],
    );
    const tagsAdded = nth.flatMap(({ contactId, effect }) =>
      effect.kind === 'addTag' ? [{ id: contactId, value: effect.tag }] : [],
    );
    for (const { id, value } of await changedMany(
      manager,
      `tags = array_append(c.tags, v.value)`,
      `NOT (v.value = ANY (c.tags))`,
      tagsAdded,
      now,
    )) {
      changes.get(id)!.tagsAdded.push(value);
    }
    const tagsRemoved = nth.flatMap(({ contactId, effect }) =>
      effect.kind === 'removeTag' ? [{ id: contactId, value: effect.tag }] : [],
    );
    for (const { id, value } of await changedMany(
      manager,
      `tags = array_remove(c.tags, v.value)`,
      `v.value = ANY (c.tags)`,
      tagsRemoved,
      now,
    )) {
      changes.get(id)!.tagsRemoved.push(value);
    }
    for (const { contactId, effect } of nth) {
      if (effect.kind !== 'updateField') continue;
      if (await updateField(manager, contactId, effect.field, effect.value, now))
        changes.get(contactId)!.fieldsChanged.push(effect.field);
    }
  }
  return changes;
}

const noChange = () => ({
  tagsAdded: [] as string[],
  tagsRemoved: [] as string[],
  fieldsChanged: [] as string[],
});

/** One UPDATE for many contacts (each at most once): answers those it changed. */
async function changedMany(
  manager: EntityManager,
  set: string,
  onlyIf: string,
  values: readonly { id: string; value: string }[],
  now: Date,
): Promise<{ id: string; value: string }[]> {
  if (values.length === 0) return [];
  // `id = ANY` tells the planner how many rows: it guesses 100 for
  // jsonb_to_recordset and would hash-join a scan of the whole table.
  return preparedQuery<{ id: string; value: string }>(
    manager,
    `UPDATE contacts c SET ${set}, updated_at = $2
       FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, value text)
      WHERE c.id = v.id AND c.id = ANY ($3::uuid[]) AND ${onlyIf}
      RETURNING c.id, v.value`,
    [JSON.stringify(values), now, values.map(({ id }) => id)],
  );
}

async function updateField(
  manager: EntityManager,
  contactId: string,
  field: string,
  value: unknown,
  now: Date,
) {
  if (isBuiltInField(field)) {
    const column = COLUMN_OF[field];
    const text = value === null || value === undefined ? null : String(value);
    if (field === 'email') {
      // An email another contact of the workspace already has would break uniqueness: leave it.
      if (!text) return false;
      return changed(
        manager,
        `email = $2`,
        `email IS DISTINCT FROM $2 AND NOT EXISTS (
           SELECT 1 FROM contacts other
            WHERE other.workspace_id = contacts.workspace_id AND lower(other.email) = lower($2) AND other.id <> contacts.id)`,
        contactId,
        text,
        now,
      );
    }
    return changed(
      manager,
      `${column} = $2`,
      `${column} IS DISTINCT FROM $2`,
      contactId,
      text,
      now,
    );
  }
  if (value === null || value === undefined) {
    return changed(manager, `fields = fields - $2`, `fields ? $2`, contactId, field, now);
  }
  const rows = await rowsReturnedBy(
    manager,
    `UPDATE contacts SET fields = jsonb_set(fields, ARRAY[$2], $3::jsonb), updated_at = $4
      WHERE id = $1 AND fields -> $2 IS DISTINCT FROM $3::jsonb RETURNING id`,
    [contactId, field, JSON.stringify(value), now],
  );
  return rows.length > 0;
}

async function changed(
  manager: EntityManager,
  set: string,
  onlyIf: string,
  contactId: string,
  value: string | null,
  now: Date,
): Promise<boolean> {
  const rows = await rowsReturnedBy(
    manager,
    `UPDATE contacts SET ${set}, updated_at = $3 WHERE id = $1 AND ${onlyIf} RETURNING id`,
    [contactId, value, now],
  );
  return rows.length > 0;
}
