/**
 * Print the text of one page of a PDF (default: the first), read through
 * pdf.js (test/pack/pdf-read.ts) — for tests that run where the pdf.js
 * module cannot be bundled, such as the extension-host suite, which runs it
 * as `node --import=tsx scripts/pdf-page-text.ts FILE [PAGE]`.
 */
import { readPdf } from '../test/pack/pdf-read';

const [file, page = '1'] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: pdf-page-text.ts FILE [PAGE]\n');
  process.exit(2);
}
readPdf(file).then(
  (r) => process.stdout.write(r.pageText[Number(page)] ?? ''),
  (e) => {
    process.stderr.write(`pdf-page-text: ${(e as Error).message}\n`);
    process.exit(2);
  },
);
