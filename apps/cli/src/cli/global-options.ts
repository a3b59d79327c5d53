import type { OptionSpec } from '../commands/command.ts';

/** Options every command takes, besides its own. */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  backend: {
    type: 'string',
    value: '<name[,name]>',
    help: 'backends to use, in order of preference: webgpu, wasm, onnx, js (default: all, best first)',
  },
  json: { type: 'boolean', help: 'print one JSON document on stdout instead of text' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
};
