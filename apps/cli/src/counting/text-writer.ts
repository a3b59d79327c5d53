import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';

/** Text written in order to a file, honouring backpressure. */
export interface CoocWriter {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

/** A writer for `path` (created or truncated). */
export function fileWriter(path: string): CoocWriter {
  const stream = createWriteStream(path);
  return {
    write: (text) =>
      new Promise((resolve, reject) => {
        if (stream.write(text)) resolve();
        else {
          stream.once('drain', resolve);
          stream.once('error', reject);
        }
      }),
    close: async () => {
      stream.end();
      await finished(stream);
    },
  };
}
