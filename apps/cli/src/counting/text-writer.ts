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
        if (stream.write(text)) return resolve();
        const settle = (error?: Error) => {
          stream.off('drain', settle);
          stream.off('error', settle);
          if (error) reject(error);
          else resolve();
        };
        stream.on('drain', settle);
        stream.on('error', settle);
      }),
    close: async () => {
      stream.end();
      await finished(stream);
    },
  };
}
