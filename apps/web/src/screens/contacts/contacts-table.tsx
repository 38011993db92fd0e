import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { type Contact, contactDisplayName } from '../../api/contacts';
import { TagList } from '../../components/tag-chip';
import { formatDate } from '../../format/dates';

const MAX_TAGS_IN_ROW = 4;

/** The table is always rendered (drivers look for it); `empty` fills it when there are no rows. */
export function ContactsTable({ contacts, empty }: { contacts: readonly Contact[]; empty?: ReactNode }) {
  const navigate = useNavigate();
  return (
    <div className="card card--flush">
      <table className="table table--interactive" data-testid="contacts-table">
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Name</th>
            <th scope="col">Tags</th>
            <th scope="col" className="table__date">Created</th>
          </tr>
        </thead>
        <tbody>
          {contacts.length === 0 && (
            <tr className="table__empty-row">
              <td colSpan={4}>{empty}</td>
            </tr>
          )}
          {contacts.map((contact) => (
            <tr
              key={contact.id}
              data-testid="contact-row"
              // The email link is the keyboard path; a click anywhere on the row is a mouse shortcut to it.
              onClick={(event) => {
                if ((event.target as HTMLElement).closest('a, button')) return;
                navigate(`/contacts/${encodeURIComponent(contact.id)}`);
              }}
            >
              <td className="table__primary">
                <Link to={`/contacts/${encodeURIComponent(contact.id)}`}>{contact.email}</Link>
              </td>
              <td>{contactDisplayName(contact) || <span className="muted">—</span>}</td>
              <td>
                <TagList tags={contact.tags} max={MAX_TAGS_IN_ROW} />
              </td>
              <td className="table__date">{formatDate(contact.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
