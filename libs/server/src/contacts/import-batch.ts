import { MAX_TAGS_PER_CONTACT } from './contact.schema';
import type { ContactUpsert } from './contact-upsert';

/** The rows of one file that became one contact upsert: later rows of the same email merged into earlier ones. */
export type ImportGroup = { rows: number[]; contact: ContactUpsert };

/**
 * Rows waiting to be written together. One email appears once per batch
 * (ON CONFLICT cannot update a row twice in one statement): a later row of
 * the same email is merged in, its values winning and its tags added.
 */
export class ImportBatch {
  private readonly groups = new Map<string, ImportGroup>();

  get size(): number {
    return this.groups.size;
  }

  /** Adds the row, or answers why it cannot be merged with an earlier row of its email. */
  add(row: number, contact: ContactUpsert): string | undefined {
    const email = contact.email.toLowerCase();
    const earlier = this.groups.get(email);
    if (!earlier) {
      this.groups.set(email, { rows: [row], contact });
      return undefined;
    }
    const tags = [...new Set([...earlier.contact.tags, ...contact.tags])];
    if (tags.length > MAX_TAGS_PER_CONTACT)
      return `With earlier rows of this email the contact would have more than ${MAX_TAGS_PER_CONTACT} tags`;
    earlier.rows.push(row);
    earlier.contact = {
      email: contact.email,
      firstName: contact.firstName ?? earlier.contact.firstName,
      lastName: contact.lastName ?? earlier.contact.lastName,
      phone: contact.phone ?? earlier.contact.phone,
      fields: { ...earlier.contact.fields, ...contact.fields },
      tags,
    };
    return undefined;
  }

  take(): ImportGroup[] {
    const groups = [...this.groups.values()];
    this.groups.clear();
    return groups;
  }
}
