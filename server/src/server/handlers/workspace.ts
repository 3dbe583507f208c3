/**
 * The workspace: indexing the papers on disk (with progress) and files
 * changed on disk (papers, profiles, risk registers).
 */
import * as path from 'node:path';
import { FileChangeType, type WorkDoneProgressServerReporter } from 'vscode-languageserver';
import { PROFILE_FILE } from '../../node/profile-loader';
import { uriToPath } from '../service/language-service';
import type { IndexProgress } from '../service/workspace-index';
import type { ServerContext } from '../context';
import type { DiagnosticsPublisher } from './diagnostics';

export class WorkspaceIndexing {
  diagnostics!: DiagnosticsPublisher;

  constructor(private readonly ctx: ServerContext) {}

  async index(): Promise<void> {
    const { ctx } = this;
    // The index run starts now (service.index.ready is its promise) and waits
    // inside for the client to accept the progress token.
    const reporting: Promise<WorkDoneProgressServerReporter | undefined> =
      ctx.caps.window?.workDoneProgress && ctx.service.profiles.getFolders().length
        ? ctx.connection.window.createWorkDoneProgress().catch(() => undefined)
        : Promise.resolve(undefined);
    const progress = reporting.then(
      (reporter): IndexProgress | undefined =>
        reporter && {
          begin: (total) => reporter.begin('boardpaper: indexing papers', 0, `0 of ${total} files`, false),
          report: (done, total) => reporter.report(total ? Math.round((done / total) * 100) : 100, `${done} of ${total} files`),
          done: () => reporter.done(),
        },
    );
    try {
      await ctx.service.indexWorkspace(progress);
    } catch (e) {
      ctx.log.error(`indexing: ${(e as Error)?.stack ?? e}`);
      (await reporting)?.done();
    }
    if (ctx.service.settingsFor('').trace.server !== 'off') ctx.log.log(`indexed ${ctx.service.index.size} papers`);
    this.diagnostics.revalidateAll();
    this.diagnostics.publishProfileDiagnostics();
  }

  /** Files changed on disk. */
  listen(): void {
    const { ctx } = this;
    ctx.connection.onDidChangeWatchedFiles(({ changes }) => {
      let profiles = false;
      let papers = false;
      for (const c of changes ?? []) {
        const file = uriToPath(c.uri);
        if (!file) continue;
        if (path.basename(file) === PROFILE_FILE || ctx.service.profiles.isProfileInput(file)) profiles = true;
        else if (/\.(md|markdown)$/i.test(file)) {
          if (c.type === FileChangeType.Deleted) ctx.service.removeFile(file);
          else ctx.service.reindexFile(file);
          papers = true;
        }
      }
      if (profiles) this.diagnostics.profilesChanged();
      else if (papers) this.diagnostics.scheduleOthers();
    });
  }
}
