// Jest loads global setup outside its module registry, so path aliases do not apply here.
import { dropTestDatabaseTemplate } from './test-database';

export default async function globalTeardown(): Promise<void> {
  await dropTestDatabaseTemplate();
}
