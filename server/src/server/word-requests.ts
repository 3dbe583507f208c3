/**
 * The Word requests of the VS Code extension (`boardPaper.importWord`,
 * `boardPaper.exportWord`). The Word code (dist/word.js) is loaded on the
 * first request only; its failures come back as one-line errors.
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Connection } from 'vscode-languageserver/node';
import { ExportWordRequest, ImportWordRequest, type ExportWordParams, type ExportWordResult, type ImportWordParams, type ImportWordResult } from '../protocol';
import type { LanguageService } from './service/language-service';

function loadWord(): typeof import('../word/bundle') {
  return require('../word/bundle') as typeof import('../word/bundle');
}

export function registerWordRequests(connection: Connection, service: LanguageService): void {
  connection.onRequest(ImportWordRequest, async (p: ImportWordParams): Promise<ImportWordResult> => {
    const input = fileURLToPath(p.docxUri);
    const target = fileURLToPath(p.outUri);
    const resolved = service.profiles.resolve(target);
    if (!resolved.loaded) throw new Error(`the profile for ${path.basename(target)} has problems: ${resolved.error?.problems[0]?.message ?? 'unreadable'}`);
    const word = loadWord();
    try {
      const job = await word.importWordFile(input, target, resolved.loaded.profile);
      return { paperUri: pathToFileURL(job.target).toString(), images: job.images.map((f) => pathToFileURL(f).toString()), notes: job.notes };
    } catch (e) {
      if (e instanceof word.WordError) throw new Error(e.message);
      throw e;
    }
  });

  connection.onRequest(ExportWordRequest, async (p: ExportWordParams): Promise<ExportWordResult> => {
    const file = fileURLToPath(p.uri);
    const target = fileURLToPath(p.outUri);
    const resolved = service.profiles.resolve(file);
    if (!resolved.loaded) throw new Error(`the profile for ${path.basename(file)} has problems: ${resolved.error?.problems[0]?.message ?? 'unreadable'}`);
    const word = loadWord();
    try {
      const r = await word.exportWordFile(p.text, path.dirname(file), target, resolved.loaded.profile, !!p.replace);
      return { docxUri: pathToFileURL(r.target).toString(), missingImages: r.missingImages };
    } catch (e) {
      if (e instanceof word.WordError) throw new Error(e.message);
      throw e;
    }
  });
}
