import { useId } from 'react';

export interface ContactsFiltersProps {
  search: string;
  tag: string;
  onSearchChange: (search: string) => void;
  onTagChange: (tag: string) => void;
}

export function ContactsFilters({ search, tag, onSearchChange, onTagChange }: ContactsFiltersProps) {
  const searchId = useId();
  const tagId = useId();
  return (
    <div className="toolbar" role="search">
      <div className="toolbar__field toolbar__field--grow">
        <label htmlFor={searchId} className="visually-hidden">
          Search contacts
        </label>
        <input
          id={searchId}
          type="search"
          className="input input--search"
          placeholder="Search by email or name"
          value={search}
          onChange={(event) => onSearchChange(event.target.value)}
          data-testid="contacts-search"
        />
      </div>
      <div className="toolbar__field">
        <label htmlFor={tagId} className="visually-hidden">
          Filter by tag
        </label>
        <input
          id={tagId}
          type="text"
          className="input input--tag"
          placeholder="Filter by tag"
          value={tag}
          onChange={(event) => onTagChange(event.target.value)}
          data-testid="contacts-tag-filter"
        />
      </div>
    </div>
  );
}
