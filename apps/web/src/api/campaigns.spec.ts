import { listCampaigns, saveDraft } from './campaigns';

describe('campaigns API', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  const serve = (status: number, body: unknown) => {
    const fetchMock = jest.fn(async (_url: string, _init?: RequestInit) => new Response(JSON.stringify(body), { status }));
    globalThis.fetch = fetchMock as unknown as typeof fetch;
    return fetchMock;
  };

  it('lists campaigns from the {data} envelope, passing search and status', async () => {
    const campaign = { id: 'c1', name: 'Welcome', status: 'draft' };
    const fetchMock = serve(200, { data: [campaign] });
    await expect(listCampaigns({ search: 'wel', status: 'archived' })).resolves.toEqual([campaign]);
    expect(fetchMock.mock.calls[0][0]).toBe('/api/v1/campaigns?search=wel&status=archived');
  });

  it('fails on a server error', async () => {
    serve(500, { statusCode: 500, error: 'Internal Server Error', message: 'Database is down' });
    await expect(listCampaigns()).rejects.toMatchObject({ status: 500, message: 'Database is down' });
  });

  it('reads a stale save (409) as an ApiError the builder can offer to overwrite', async () => {
    serve(409, { statusCode: 409, error: 'Conflict', message: 'Someone saved first', latestRevision: 7 });
    await expect(saveDraft('c1', { graph: { nodes: [], edges: [] }, baseRevision: 5 })).rejects.toMatchObject({ status: 409 });
  });
});
