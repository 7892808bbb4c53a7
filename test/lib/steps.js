/*
 * Named, timed steps for the suites that run as scripts (adoption, dynamic
 * plugins): each step prints when it starts and how long it took, and the
 * run ends with the table of timings.
 */
function createSteps() {
  const timings = [];

  async function step(title, fn) {
    console.log(`\n=== ${title}`);
    const started = Date.now();
    try {
      return await fn();
    } finally {
      const seconds = (Date.now() - started) / 1000;
      timings.push({ title, seconds });
      console.log(`=== ${title}: ${seconds.toFixed(1)}s`);
    }
  }

  /** The table; `totalSeconds` defaults to the sum of the steps. */
  function printTimings(
    totalSeconds = timings.reduce((sum, t) => sum + t.seconds, 0),
  ) {
    console.log('\nTimings:');
    for (const { title, seconds } of timings) {
      console.log(`  ${seconds.toFixed(1).padStart(7)}s  ${title}`);
    }
    console.log(`  ${totalSeconds.toFixed(1).padStart(7)}s  total`);
  }

  return { step, printTimings };
}

module.exports = { createSteps };
