// The release version is the root package.json's, inlined by webpack at build time.
// eslint-disable-next-line @nx/enforce-module-boundaries -- package.json belongs to no project for the rule to place
import packageJson from '../../../../package.json';

export const VERSION: string = packageJson.version;
