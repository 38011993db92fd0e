import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The workspace root (/scripts/bench/lib -> /). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
