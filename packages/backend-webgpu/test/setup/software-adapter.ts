import { existsSync } from 'node:fs';

// Turbo passes only declared environment variables to tasks; setting the Vulkan driver here keeps the
// tests independent of that. Debian's chromium package ships SwiftShader, a CPU Vulkan driver Dawn
// accepts, so the suite runs on machines without a GPU. A driver chosen by the caller wins.
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
if (process.env.VK_ICD_FILENAMES === undefined && existsSync(SWIFTSHADER_ICD)) {
  process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
}
