/**
 * The CLI's bundle (dist/cli-main.js): runs the command line. dist/cli.js
 * (launcher.ts) loads it through the code cache.
 */
import { runFromCommandLine } from './main';

runFromCommandLine();
