/**
 * Extension-host test entry (the @vscode/test-electron contract): `run()`
 * runs the mocha suite inside a real VS Code with the real `vscode` API.
 */
import * as path from 'node:path';
// mocha 12 is ESM-only; the extension host (Node 20) can require it.
const mochaModule = require('mocha');
const Mocha: typeof import('mocha') = mochaModule.default ?? mochaModule;

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'extension.test.js'));
  mocha.addFile(path.join(__dirname, 'meeting.test.js'));
  mocha.addFile(path.join(__dirname, 'workflow.test.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} extension test(s) failed`)) : resolve()));
  });
}
