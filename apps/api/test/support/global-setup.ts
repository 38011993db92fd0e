// Jest loads global setup outside its module registry, so path aliases do not apply here.
import { prepareTestDatabaseTemplate } from '../../../../libs/server/src/testing';

export default async function globalSetup(): Promise<void> {
  await prepareTestDatabaseTemplate();
}
