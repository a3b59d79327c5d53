import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { writeChunk } from '../formats/cooc-output.ts';

/** Text written in order to a file, honouring backpressure. */
export interface CoocWriter {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

/** A writer for `path` (created or truncated). */
export function fileWriter(path: string): CoocWriter {
  const stream = createWriteStream(path);
  return {
    write: (text) => writeChunk(stream, text),
    close: async () => {
      stream.end();
      await finished(stream);
    },
  };
}
