import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import ts from 'typescript';
import { ROOT } from './root.mjs';

/**
 * libs/templates as plain CommonJS, for measuring it in this process: its
 * sources (no specs, no testing helpers) transpiled one file at a time with
 * TypeScript's transpileModule (no type check, no bundler), under the
 * workspace's tmp/ so that `handlebars` resolves from node_modules. The
 * directory is removed with the scope. The lib is pure (ARCHITECTURE.md), so
 * this is the same code the engine runs.
 */
export async function loadTemplatesLib(scope) {
  const source = path.join(ROOT, 'libs/templates/src');
  const out = path.join(ROOT, 'tmp', `bench-templates-${randomBytes(4).toString('hex')}`);
  scope.defer(`directory ${out}`, () => rm(out, { recursive: true, force: true }));
  const files = (await readdir(source, { recursive: true })).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && !file.startsWith('testing'),
  );
  for (const file of files) {
    const { outputText } = ts.transpileModule(await readFile(path.join(source, file), 'utf8'), {
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
      fileName: file,
    });
    const target = path.join(out, file.replace(/\.ts$/, '.js'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, outputText);
  }
  await writeFile(path.join(out, 'package.json'), '{"type": "commonjs"}\n');
  return createRequire(path.join(out, 'index.js'))('./index.js');
}
