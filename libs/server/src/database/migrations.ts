import { CreateTenancyAndAuth1764000000000 } from './migrations/1764000000000-create-tenancy-and-auth';

/** Every migration in order, listed explicitly: the apps are bundled, so globs cannot find them. */
export const MIGRATIONS = [CreateTenancyAndAuth1764000000000];
