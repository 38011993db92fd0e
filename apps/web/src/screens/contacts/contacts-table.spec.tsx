import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import type { Contact } from '../../api/contacts';
import { ContactsTable } from './contacts-table';

const aContact = (id: string, overrides: Partial<Contact> = {}): Contact => ({
  id,
  email: `${id}@example.com`,
  firstName: null,
  lastName: null,
  phone: null,
  fields: {},
  tags: [],
  createdAt: '2025-03-01T10:00:00Z',
  updatedAt: '2025-03-01T10:00:00Z',
  ...overrides,
});

const render = (contacts: Contact[]) =>
  renderToStaticMarkup(
    <MemoryRouter>
      <ContactsTable contacts={contacts} />
    </MemoryRouter>,
  );

describe('ContactsTable', () => {
  it('renders one contact-row per contact inside contacts-table, linking to the detail page', () => {
    const html = render([aContact('ada', { firstName: 'Ada', lastName: 'Lovelace' }), aContact('tom & jerry')]);
    expect(html).toContain('data-testid="contacts-table"');
    expect(html.match(/data-testid="contact-row"/g)).toHaveLength(2);
    expect(html).toContain('href="/contacts/ada"');
    expect(html).toContain('href="/contacts/tom%20%26%20jerry"');
    expect(html).toContain('Ada Lovelace');
  });

  it('shows tags as chips, folding the ones beyond four into a +N chip', () => {
    const html = render([aContact('ada', { tags: ['a', 'b', 'c', 'd', 'e', 'f'] })]);
    expect(html.match(/class="chip"/g)).toHaveLength(4);
    expect(html).toContain('+2');
  });
});

describe('ContactsTable without contacts', () => {
  it('still renders contacts-table, with the empty message instead of rows', () => {
    const html = renderToStaticMarkup(
      <MemoryRouter>
        <ContactsTable contacts={[]} empty={<p>No contacts yet</p>} />
      </MemoryRouter>,
    );
    expect(html).toContain('data-testid="contacts-table"');
    expect(html).not.toContain('data-testid="contact-row"');
    expect(html).toContain('No contacts yet');
  });
});
