import { defineConfig } from 'tsup';
import { baseTsup } from '../../tsup.base.ts';

// The public types name WebGPU's (GPU, GPUPowerPreference): the declaration file pulls them in.
export default defineConfig({ ...baseTsup, dts: { banner: '/// <reference types="@webgpu/types" />' } });
