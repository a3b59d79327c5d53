import { describe, expect, it } from 'vitest';
import { shouldSelectSwiftShader } from '../src/device/node-gpu.ts';

describe('shouldSelectSwiftShader', () => {
  it('selects SwiftShader when it is the only driver', () => {
    expect(shouldSelectSwiftShader(true, [])).toBe(true);
    expect(shouldSelectSwiftShader(true, ['vk_swiftshader_icd.json'])).toBe(true);
  });

  it('treats lavapipe as no driver, since Dawn rejects it', () => {
    expect(shouldSelectSwiftShader(true, ['lvp_icd.x86_64.json'])).toBe(true);
  });

  it('never overrides a hardware driver', () => {
    expect(shouldSelectSwiftShader(true, ['nvidia_icd.json'])).toBe(false);
    expect(shouldSelectSwiftShader(true, ['lvp_icd.x86_64.json', 'radeon_icd.x86_64.json'])).toBe(false);
  });

  it('does nothing when SwiftShader is not installed', () => {
    expect(shouldSelectSwiftShader(false, [])).toBe(false);
  });

  it('ignores files that are not manifests', () => {
    expect(shouldSelectSwiftShader(true, ['README'])).toBe(true);
  });
});
