import { NestFactory } from '@nestjs/core';
import { loadConfig, MetricsServer } from '@tideway/server';
import { createTestDatabase } from '@tideway/server/testing';
import { WorkerModule } from '../src/worker.module';

describe('a worker with METRICS_PORT', () => {
  it('serves GET /metrics on a port of its own, behind METRICS_TOKEN', async () => {
    const token = 'a-worker-metrics-token';
    const database = await createTestDatabase();
    const config = loadConfig({
      ...database.env,
      HOST: '127.0.0.1',
      METRICS_PORT: '0',
      METRICS_TOKEN: token,
    });
    const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
      logger: false,
    });
    try {
      const url = `http://127.0.0.1:${worker.get(MetricsServer).port()}`;
      expect((await fetch(`${url}/metrics`)).status).toBe(401);
      expect(
        (await fetch(`${url}/elsewhere`, { headers: { authorization: `Bearer ${token}` } })).status,
      ).toBe(404);

      const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      for (const family of [
        'tideway_steps_total',
        'tideway_deliveries_total',
        'tideway_queue_jobs',
        'tideway_enrollments',
      ])
        expect(text).toMatch(new RegExp(`^# TYPE ${family} `, 'm'));
      expect(text).toMatch(/^tideway_waits_due 0$/m);
      expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    } finally {
      await worker.close();
      await database.drop();
    }
  });
});
