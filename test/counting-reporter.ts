// Vitest's own summary is not something CI can read; this writes the counts to the file KAUNTER_VITEST_COUNTS names, for
// `npm test` to total (test/vitest-processes.ts). Run by hand, without that file named, Vitest writes none.
import { writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

export class CountingReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const countsFile = process.env.KAUNTER_VITEST_COUNTS;
    if (!countsFile) return;
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      let failedInModule = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed += 1;
        else if (state === 'failed') failedInModule += 1;
        else counts.skipped += 1;
      }
      // A file that fails to load or whose hooks throw has no failed test of its own, yet it must count.
      counts.failed += module.state() === 'failed' ? Math.max(failedInModule, 1) : failedInModule;
    }
    writeFileSync(countsFile, JSON.stringify(counts));
  }
}
