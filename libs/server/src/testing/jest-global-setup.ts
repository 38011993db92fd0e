// Jest loads global setup outside its module registry, so path aliases do not apply here.
import { prepareTestDatabaseTemplate } from './test-database';

export default async function globalSetup(): Promise<void> {
  await prepareTestDatabaseTemplate();
}
