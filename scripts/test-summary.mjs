// Adds up the vitest (unit and integration, crash) and Playwright JSON reports into one closing line: "N passed, N failed".
import fs from "node:fs";

function read(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
const vitest = read("test-results/vitest.json");
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += vitest.numFailedTests ?? 0;
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
} else {
  console.log("tests: the vitest report is missing");
  failed += 1;
}
const crash = read("test-results/vitest-crash.json");
if (crash) {
  passed += crash.numPassedTests ?? 0;
  failed += crash.numFailedTests ?? 0;
} else {
  console.log("tests: the crash-test report is missing");
  failed += 1;
}
const playwright = read("test-results/playwright.json");
if (playwright?.stats) {
  passed += (playwright.stats.expected ?? 0) + (playwright.stats.flaky ?? 0);
  failed += playwright.stats.unexpected ?? 0;
  // Errors outside any test (a web server that did not start, a broken config) fail the run too.
  failed += Array.isArray(playwright.errors) ? playwright.errors.length : 0;
  skipped += playwright.stats.skipped ?? 0;
} else {
  console.log("tests: the Playwright report is missing");
  failed += 1;
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
