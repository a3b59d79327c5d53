#!/usr/bin/env node
import { INTERRUPTED_EXIT } from './cli/cli-error.ts';
import { runCli } from './cli/run-cli.ts';

// Ctrl-C aborts the command's signal so it can stop and remove its temporary files; a second
// Ctrl-C while it cleans up leaves at once.
const controller = new AbortController();
process.on('SIGINT', () => {
  if (controller.signal.aborted) process.exit(INTERRUPTED_EXIT);
  controller.abort(new Error('interrupted'));
});
// A closed pipe (`dproj … | head`) is the reader's choice, not an error worth a trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  isTTY: process.stderr.isTTY === true,
}, { signal: controller.signal });
// Exit explicitly: a GPU runtime (Dawn) can keep the event loop alive after its engine is disposed.
// Flush stdout first, since process.exit does not wait for a pending write to a pipe.
process.stdout.write('', () => process.exit(code));
