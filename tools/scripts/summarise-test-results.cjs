// Prints one line per test tier and a closing "N passed, N failed, N skipped" line from Jest's
// --json result files.
const fs = require('node:fs');
const path = require('node:path');

const totals = { passed: 0, failed: 0, skipped: 0 };
for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) continue;
  const result = JSON.parse(fs.readFileSync(file, 'utf8'));
  const tier = path.basename(file, '.json');
  const skipped = result.numPendingTests + result.numTodoTests;
  // A suite that failed to load counts as a failure even though it ran no test.
  const brokenSuites = result.testResults.filter(
    (suite) => suite.status === 'failed' && suite.assertionResults.length === 0,
  ).length;
  totals.passed += result.numPassedTests;
  totals.failed += result.numFailedTests + brokenSuites;
  totals.skipped += skipped;
  console.log(
    `${tier.padEnd(5)} ${result.numPassedTests} passed, ${result.numFailedTests + brokenSuites} failed, ${skipped} skipped (${result.numTotalTestSuites} suites)`,
  );
}
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
