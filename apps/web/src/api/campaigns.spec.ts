import { listCampaigns } from './campaigns';

describe('listCampaigns', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  const serve = (status: number, body: unknown) => {
    globalThis.fetch = jest.fn(async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;
  };

  it('reads a 404 (the route is not built yet) as no campaigns', async () => {
    serve(404, { statusCode: 404, error: 'Not Found', message: 'Cannot GET /api/v1/campaigns' });
    await expect(listCampaigns()).resolves.toEqual([]);
  });

  it('accepts a bare array or a {data} envelope', async () => {
    const campaign = { id: 'c1', name: 'Welcome', status: 'draft' };
    serve(200, [campaign]);
    await expect(listCampaigns()).resolves.toEqual([campaign]);
    serve(200, { data: [campaign] });
    await expect(listCampaigns()).resolves.toEqual([campaign]);
  });

  it('still fails on a server error', async () => {
    serve(500, { statusCode: 500, error: 'Internal Server Error', message: 'Database is down' });
    await expect(listCampaigns()).rejects.toMatchObject({ status: 500, message: 'Database is down' });
  });
});
