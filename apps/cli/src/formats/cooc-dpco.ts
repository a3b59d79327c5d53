import { encodeCooccurrence } from '@dproj/core';
import { type CoocData, writeChunk } from './cooc-output.ts';

/** Writes the dproj binary co-occurrence file (core's `encodeCooccurrence`, docs/formats.md). */
export async function writeDpco(stream: NodeJS.WritableStream, data: CoocData): Promise<void> {
  await writeChunk(stream, encodeCooccurrence(data.result, data.vocab));
}
