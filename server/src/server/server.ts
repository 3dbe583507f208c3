/**
 * The language server: wires the protocol handler modules (handlers/*.ts,
 * one per concern: lifecycle and settings, workspace index, diagnostics,
 * language features; extension-requests.ts for the VS Code extension's own
 * requests) to one language service. No analysis happens here or in the
 * handlers: they translate between LSP and the service.
 */
import { TextDocuments, type Connection } from 'vscode-languageserver';
import { checkedTextDocuments } from './documents';
import { LanguageService } from './service/language-service';
import { registerExtensionRequests } from './extension-requests';
import { registerMeetingRequests } from './meeting-requests';
import { registerWordRequests } from './word-requests';
import { createContext } from './context';
import { DiagnosticsPublisher } from './handlers/diagnostics';
import { registerFeatures } from './handlers/features';
import { registerLifecycle } from './handlers/lifecycle';
import { WorkspaceIndexing } from './handlers/workspace';

export { VERSION } from './handlers/lifecycle';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(checkedTextDocuments);
  const log = {
    log: (m: string) => connection.console.log(m),
    error: (m: string) => connection.console.error(m),
  };
  const service = new LanguageService(documents, log);
  const ctx = createContext(connection, documents, service, log);

  const workspace = new WorkspaceIndexing(ctx);
  const diagnostics = new DiagnosticsPublisher(ctx, () => void workspace.index());
  workspace.diagnostics = diagnostics;

  registerLifecycle(ctx, diagnostics, workspace);
  workspace.listen();
  diagnostics.listen();
  registerFeatures(ctx);
  // After `initialized` has been handled, the index run is under way (or done).
  registerExtensionRequests(connection, documents, service, async () => {
    await ctx.ready;
    await service.index.ready;
  });
  registerMeetingRequests(connection, service, async () => {
    await ctx.ready;
    await service.index.ready;
  });
  registerWordRequests(connection, service);

  documents.listen(connection);
  connection.listen();
}
