// Sums the vitest JSON reports of every package and app into CI's closing line: "N passed, N failed".
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];
for (const group of ['packages', 'apps']) {
  const dir = join(root, group);
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir).sort()) {
    const report = join(dir, name, 'vitest-report.json');
    if (!existsSync(report)) continue;
    const r = JSON.parse(readFileSync(report, 'utf8'));
    // A suite that failed to load counts as a failure even though it reported no failed test.
    const brokenFiles = (r.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
    const pkgFailed = r.numFailedTests + brokenFiles;
    const pkgSkipped = r.numPendingTests + r.numTodoTests;
    passed += r.numPassedTests;
    failed += pkgFailed;
    skipped += pkgSkipped;
    rows.push(`${group}/${name}: ${r.numPassedTests} passed, ${pkgFailed} failed, ${pkgSkipped} skipped`);
  }
}
console.log(rows.join('\n'));
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 ? 1 : 0;
