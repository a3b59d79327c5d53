import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Runs `work` with a fresh private directory (`mkdtemp` under `parent`) and deletes the directory when
 * `work` settles: on success, on error and on abort (the caller's signal makes `work` reject). If the
 * process exits first (a second Ctrl-C, `process.exit`), an exit hook still removes it.
 */
export async function withWorkDir<T>(parent: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(parent, 'dproj-count-'));
  const onExit = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', onExit);
  try {
    return await work(dir);
  } finally {
    process.off('exit', onExit);
    // Retries: on some systems a just-closed run file is briefly busy.
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}
