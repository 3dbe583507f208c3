/**
 * Worker thread of `boardpaper check`'s pool (check-pool.ts), bundled on its
 * own as dist/check-worker.js. It does for one file exactly what the
 * in-process loop of check.ts does — read, analyse, and with --fix compute the
 * fixed text and analyse that — but writes nothing: the main thread writes
 * fixed files in file order, so a failure stops at the same file as in-process.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkOneFile, type PoolOptions, type PoolRequest, type PoolResponse } from './check-pool';
import { ProfileResolver } from '../node/check-files';

const options = workerData as PoolOptions;
const resolver = new ProfileResolver({ explicit: options.explicit });

parentPort!.on('message', (m: PoolRequest) => {
  const reply: PoolResponse = { i: m.i, result: checkOneFile(m.file, resolver, options.fix) };
  parentPort!.postMessage(reply);
});
