import { useState } from 'react';
import type { ApiError } from '../../api/api-error';
import { type Contact, type ContactPage, listContacts } from '../../api/contacts';
import { useAction } from '../../hooks/use-action';
import { type RequestState, useRequest } from '../../hooks/use-request';

export const CONTACTS_PAGE_SIZE = 50;

export interface ContactListFilter {
  search: string;
  tag: string;
}

interface LaterPages {
  /** The first page these pages were loaded after; a new first page discards them. */
  after: ContactPage;
  contacts: Contact[];
  nextCursor: string | null;
}

export interface ContactList {
  state: RequestState<{ contacts: Contact[]; total: number; hasMore: boolean }>;
  reload: (options?: { quietly?: boolean }) => void;
  loadMore: () => void;
  loadingMore: boolean;
  loadMoreError: ApiError | null;
}

/** The contacts matching a filter, first page on load and further pages on "Load more". */
export function useContactList({ search, tag }: ContactListFilter): ContactList {
  const firstPage = useRequest(
    (signal) => listContacts({ search, tag, limit: CONTACTS_PAGE_SIZE }, signal),
    JSON.stringify([search, tag]),
  );
  const [later, setLater] = useState<LaterPages | null>(null);
  const first = firstPage.state.status === 'ready' ? firstPage.state.data : null;
  const current = later && later.after === first ? later : null;
  const nextCursor = current ? current.nextCursor : (first?.nextCursor ?? null);

  const more = useAction(async (after: ContactPage, cursor: string, loaded: Contact[]) => {
    const page = await listContacts({ search, tag, limit: CONTACTS_PAGE_SIZE, cursor });
    setLater((previous) => {
      // A filter change or reload while this page was loading makes it stale.
      const base = previous && previous.after === after ? previous.contacts : [];
      if (base.length !== loaded.length) return previous;
      return { after, contacts: [...base, ...page.data], nextCursor: page.nextCursor ?? null };
    });
  });

  let state: ContactList['state'];
  if (firstPage.state.status !== 'ready') state = firstPage.state;
  else {
    const data = firstPage.state.data;
    state = {
      status: 'ready',
      data: {
        contacts: current ? [...data.data, ...current.contacts] : data.data,
        total: data.total,
        hasMore: Boolean(nextCursor),
      },
    };
  }

  return {
    state,
    reload: firstPage.reload,
    loadMore: () => {
      if (!first || !nextCursor || more.pending) return;
      void more.run(first, nextCursor, current?.contacts ?? []);
    },
    loadingMore: more.pending,
    loadMoreError: more.error,
  };
}
