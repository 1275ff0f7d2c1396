// Runs the CLI from source (no build step): `npx tsx scripts/dpt-dev.ts train ...`.
// Tests use it to spawn real processes from the code under test.
import { main } from '../cli/main.js';

process.exitCode = await main(process.argv);
