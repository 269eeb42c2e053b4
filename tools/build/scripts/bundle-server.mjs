// Bundles the server into one ES module, `<outDir>/katamon-server.mjs`, from the workspace sources (the
// `@katamon/source` export condition) with every dependency inlined (fastify, pino, prom-client, inversify):
// it runs with no node_modules. Its dashboard files are copied beside it by build.mjs.
import { build } from 'esbuild';
import { join } from 'node:path';
import { programDefines, replaceFile, SOURCE_BUILD_OPTIONS, workspace } from './bundle-options.mjs';

export async function bundleServer(outDir) {
  const outfile = join(outDir, 'katamon-server.mjs');
  const result = await build({
    ...SOURCE_BUILD_OPTIONS,
    entryPoints: [join(workspace, 'apps', 'server', 'src', 'main.ts')],
    outfile,
    format: 'esm',
    // Fastify's plugins check their own names (fastify-plugin's metadata); keep every name as written.
    minify: true,
    keepNames: true,
    define: programDefines('import.meta.url'),
    write: false,
    // The CommonJS dependencies call require() for built-ins, which an ES module has not got.
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __katamonCreateRequire } from 'node:module';\nconst require = __katamonCreateRequire(import.meta.url);",
    },
  });
  const output = result.outputFiles.find((f) => f.path === outfile);
  await replaceFile(outfile, output.contents, 0o755);
  return { bin: outfile, bytes: output.contents.length };
}
