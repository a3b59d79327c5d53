import { describe, expect, it } from 'vitest';
import {
  BackendUnavailableError,
  DeviceLostError,
  DisposedError,
  DprojError,
  FormatError,
  ResourceLimitError,
  ShapeError,
  UnknownTokenError,
  UnsupportedError,
  ValueError,
} from '../src/index.ts';

describe('errors', () => {
  const cases: [string, DprojError][] = [
    ['ShapeError', new ShapeError('attention: wq must be 4×d_k, got 3×2', { op: 'attention', argument: 'wq' })],
    ['ValueError', new ValueError('cooccurrence: options.window must be an integer ≥ 1, got 0', { op: 'cooccurrence', argument: 'options.window' })],
    ['UnknownTokenError', new UnknownTokenError("vocabulary: 'zyzzyva' is not a known word", 'zyzzyva', { op: 'vocabulary', argument: 'text' })],
    ['UnsupportedError', new UnsupportedError('projection: no backend supports this call', { op: 'projection' })],
    ['BackendUnavailableError', new BackendUnavailableError('engine: no backend', [{ backend: 'gpu', outcome: 'unavailable', reason: 'no adapter', ms: 1 }])],
    ['DisposedError', new DisposedError('attention: the engine has been disposed', { op: 'attention' })],
    ['DeviceLostError', new DeviceLostError('attention: the device was lost', { op: 'attention' })],
    ['ResourceLimitError', new ResourceLimitError('projection: 8 GiB exceeds the 4 GiB limit', 4, 8, { op: 'projection', argument: 's' })],
    ['FormatError', new FormatError('format: checksum mismatch', { op: 'format', argument: 'bytes' })],
  ];

  it.each(cases)('%s is a DprojError with its own name, op and argument', (name, error) => {
    expect(error).toBeInstanceOf(DprojError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(DprojError.isInstance(error)).toBe(true);
    expect(error.message.length).toBeGreaterThan(0);
  });

  it('keeps the extra fields of each class', () => {
    expect((cases[2]![1] as UnknownTokenError).token).toBe('zyzzyva');
    expect((cases[4]![1] as BackendUnavailableError).attempts[0]!.reason).toBe('no adapter');
    const limit = cases[7]![1] as ResourceLimitError;
    expect([limit.limit, limit.requested, limit.argument]).toEqual([4, 8, 's']);
  });

  it('recognises an error from another copy of the package by its marker, and nothing else', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('dproj.error')]: true });
    expect(DprojError.isInstance(foreign)).toBe(true);
    expect(DprojError.isInstance(new Error('x'))).toBe(false);
    expect(DprojError.isInstance(null)).toBe(false);
    expect(DprojError.isInstance('ShapeError')).toBe(false);
  });

  it('keeps the cause', () => {
    const cause = new Error('driver reset');
    expect(new DeviceLostError('lost', { cause }).cause).toBe(cause);
  });
});
