import type { Plugin } from 'vite';
import { CORPUS_RECIPES } from './corpora.ts';
import type { ShippedFile } from './corpus-files.ts';
import { corpusFiles } from './corpus-files.ts';

/**
 * A Vite plugin that ships the corpora: at the start of a build it makes (or takes from `cacheDir`)
 * every corpus's co-occurrence file and text, and emits them with `corpora/index.json` into the
 * bundle. The dev server serves the same files from memory.
 */
export function corpusPlugin(cacheDir: string): Plugin {
  let files: Promise<ShippedFile[]> | undefined;
  const load = (log: (line: string) => void): Promise<ShippedFile[]> => {
    files ??= corpusFiles(CORPUS_RECIPES, cacheDir, log);
    return files;
  };
  return {
    name: 'dproj-demo-corpora',
    async buildStart() {
      await load((line) => this.info(line));
    },
    async generateBundle() {
      for (const file of await load(() => undefined)) this.emitFile({ type: 'asset', fileName: file.fileName, source: file.source });
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/^\/+/, '');
        if (!path.startsWith('corpora/')) return next();
        load(() => undefined)
          .then((all) => {
            const file = all.find((f) => f.fileName === path);
            if (file === undefined) return next();
            res.setHeader('content-type', path.endsWith('.json') ? 'application/json' : path.endsWith('.txt') ? 'text/plain; charset=utf-8' : 'application/octet-stream');
            res.end(file.source);
          })
          .catch(next);
      });
    },
  };
}
