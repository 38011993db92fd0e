import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { ApiError } from '../http/api-error';
import {
  describeCreation,
  describeDeletion,
  diffContacts,
  isUnchanged,
  type ContactMutation,
} from './contact-changes';
import {
  MAX_TAGS_PER_CONTACT,
  type CreateContactInput,
  type UpdateContactInput,
} from './contact.schema';
import { CONTACT_COLUMNS, toContactView, type ContactView } from './contact-view';
import { upsertContacts, type ContactUpsert, type UpsertResult } from './contact-upsert';
import { Contact } from './contact.entity';
import { parseFieldValues, type FieldValue } from './field-values';
import { ContactEvents } from '../engine/contact-events.service';
import type { LeasedRunnable } from '../engine/step-hand-off';
import { StepHandOff } from '../engine/step-hand-off';
import { HookEvents } from '../hooks/hook-events.service';
import { FieldsService } from './fields.service';
import { isUniqueViolation } from './unique-violation';
import { isUuid } from './is-uuid';
import { rowsReturnedBy } from '../database/rows-returned-by';

type ContactState = Pick<
  ContactView,
  'email' | 'firstName' | 'lastName' | 'phone' | 'fields' | 'tags'
>;

/**
 * Every change to contacts goes through here, and each mutation reports what
 * it changed (ContactChanges): the one place contact events come from.
 * Each runs in one transaction and validates everything before it writes.
 */
@Injectable()
export class ContactsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly fields: FieldsService,
    private readonly events: ContactEvents,
    private readonly hooks: HookEvents,
    private readonly handOff: StepHandOff,
  ) {}

  async get(workspaceId: string, id: string): Promise<ContactView> {
    const contact = isUuid(id)
      ? await this.db.getRepository(Contact).findOneBy({ workspaceId, id })
      : null;
    if (!contact) throw ApiError.notFound('Contact');
    return toContactView(contact);
  }

  create(workspaceId: string, input: CreateContactInput): Promise<ContactMutation> {
    return this.handingOff(async (manager, leased) => {
      const fields = (await this.checkFields(manager, workspaceId, input.fields ?? {})).set;
      const [row]: ContactView[] = await manager
        .query(
          `INSERT INTO contacts (workspace_id, email, first_name, last_name, phone, fields, tags)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${CONTACT_COLUMNS}`,
          [
            workspaceId,
            input.email,
            input.firstName ?? null,
            input.lastName ?? null,
            input.phone ?? null,
            fields,
            input.tags ?? [],
          ],
        )
        .catch(rethrowEmailConflict);
      const changes = describeCreation(row);
      // Campaign triggers and goals react in this transaction: no event is lost, none fires for a rollback.
      await this.events.contactChanged(manager, workspaceId, row.id, changes, { leased });
      return { contact: toContactView(row), changes };
    });
  }

  update(workspaceId: string, id: string, patch: UpdateContactInput): Promise<ContactMutation> {
    return this.mutate(workspaceId, id, async (current, manager) => {
      const next: ContactState = { ...current };
      if (patch.email !== undefined) next.email = patch.email;
      if (patch.firstName !== undefined) next.firstName = patch.firstName;
      if (patch.lastName !== undefined) next.lastName = patch.lastName;
      if (patch.phone !== undefined) next.phone = patch.phone;
      if (patch.tags !== undefined) next.tags = patch.tags;
      if (patch.fields !== undefined) {
        const { set, unset } = await this.checkFields(manager, workspaceId, patch.fields);
        const fields: Record<string, FieldValue> = { ...current.fields, ...set };
        for (const key of unset) delete fields[key];
        next.fields = fields;
      }
      return next;
    });
  }

  /** Adding a tag the contact has changes nothing and succeeds. */
  addTag(workspaceId: string, id: string, tag: string): Promise<ContactMutation> {
    return this.mutate(workspaceId, id, (current) => {
      if (current.tags.includes(tag)) return current;
      if (current.tags.length >= MAX_TAGS_PER_CONTACT) {
        throw ApiError.validation([
          { path: 'tag', message: `A contact has at most ${MAX_TAGS_PER_CONTACT} tags` },
        ]);
      }
      return { ...current, tags: [...current.tags, tag] };
    });
  }

  /** Removing a tag the contact lacks changes nothing and succeeds. */
  removeTag(workspaceId: string, id: string, tag: string): Promise<ContactMutation> {
    return this.mutate(workspaceId, id, (current) => ({
      ...current,
      tags: current.tags.filter((t) => t !== tag),
    }));
  }

  async remove(workspaceId: string, id: string): Promise<ContactMutation> {
    if (!isUuid(id)) throw ApiError.notFound('Contact');
    const row = await this.db.transaction(async (manager) => {
      const [deleted] = await rowsReturnedBy<ContactView>(
        manager,
        `DELETE FROM contacts WHERE workspace_id = $1 AND id = $2 RETURNING ${CONTACT_COLUMNS}`,
        [workspaceId, id],
      );
      if (deleted) await this.hooks.contactDeleted(manager, workspaceId, toContactView(deleted));
      return deleted;
    });
    if (!row) throw ApiError.notFound('Contact');
    return { contact: toContactView(row), changes: describeDeletion() };
  }

  /**
   * Creates or updates contacts by email inside the caller's transaction (the
   * CSV import holds one open across batches). Rows must be validated already (emails by emailSchema)
   * and carry distinct emails. Answers one result per row, in order.
   */
  async upsertMany(
    manager: EntityManager,
    workspaceId: string,
    rows: readonly ContactUpsert[],
    leased: LeasedRunnable | null = null,
  ): Promise<UpsertResult[]> {
    const results = await upsertContacts(manager, workspaceId, rows);
    await this.events.contactsChanged(
      manager,
      workspaceId,
      results.flatMap((result) => (result.ok ? [{ contactId: result.mutation.contact.id, change: result.mutation.changes }] : [])),
      leased,
    );
    return results;
  }

  /** Loads the contact locked, lets `change` compute its next state, and writes it only if something changed. */
  private mutate(
    workspaceId: string,
    id: string,
    change: (current: ContactView, manager: EntityManager) => ContactState | Promise<ContactState>,
  ): Promise<ContactMutation> {
    if (!isUuid(id)) return Promise.reject(ApiError.notFound('Contact'));
    return this.handingOff(async (manager, leased) => {
      const [current]: ContactView[] = await manager.query(
        `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE workspace_id = $1 AND id = $2 FOR UPDATE`,
        [workspaceId, id],
      );
      if (!current) throw ApiError.notFound('Contact');
      const next = await change(current, manager);
      const changes = diffContacts(current, next);
      if (isUnchanged(changes)) return { contact: toContactView(current), changes };
      const [row] = await rowsReturnedBy<ContactView>(
        manager,
        `UPDATE contacts SET email = $3, first_name = $4, last_name = $5, phone = $6, fields = $7, tags = $8, updated_at = now()
          WHERE workspace_id = $1 AND id = $2 RETURNING ${CONTACT_COLUMNS}`,
        [
          workspaceId,
          id,
          next.email,
          next.firstName,
          next.lastName,
          next.phone,
          next.fields,
          next.tags,
        ],
      ).catch(rethrowEmailConflict);
      await this.events.contactChanged(manager, workspaceId, row.id, changes, { leased });
      return { contact: toContactView(row), changes };
    });
  }

  /**
   * A change of one contact in a transaction of its own: the campaigns it
   * sends the contact into, or to a goal, take it on at once once it commits
   * (handed to the step queue), not at the scanner's next pass.
   */
  private async handingOff<T>(
    work: (manager: EntityManager, leased: LeasedRunnable) => Promise<T>,
  ): Promise<T> {
    const leased = this.handOff.leases();
    const result = await this.db.transaction((manager) => work(manager, leased));
    await this.handOff.handCommitted(leased);
    return result;
  }

  private async checkFields(
    manager: EntityManager,
    workspaceId: string,
    values: Record<string, unknown>,
  ) {
    const patch = parseFieldValues(
      values,
      await this.fields.typesByKey(manager, workspaceId),
      'json',
    );
    if (patch.errors.length) {
      throw ApiError.validation(
        patch.errors.map(({ key, message }) => ({ path: `fields.${key}`, message })),
      );
    }
    return patch;
  }
}

function rethrowEmailConflict(error: unknown): never {
  if (isUniqueViolation(error, 'contacts_workspace_email_key')) {
    throw ApiError.conflict('A contact with this email exists', [
      { path: 'email', message: 'Already in use in this workspace' },
    ]);
  }
  throw error;
}
