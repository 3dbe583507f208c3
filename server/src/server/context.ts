/**
 * What every protocol handler module shares: the connection, the open
 * documents, the language service, and the little session state the protocol
 * gives (client capabilities, workspace folders, readiness). Handler modules
 * (handlers/*.ts) only translate between LSP and the language service; the
 * analysis happens in the service and the core.
 */
import type { ClientCapabilities, Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from './service/language-service';
import type { Folder } from './service/profiles';

export interface Logger {
  log(m: string): void;
  error(m: string): void;
}

export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly service: LanguageService;
  readonly log: Logger;
  /** The client's capabilities (set by `initialize`). */
  caps: ClientCapabilities;
  /** The workspace folders (set by `initialize`, changed by the client). */
  folders: Folder[];
  /** Resolves once `initialized` has been handled (or 5 s after `initialize`). */
  readonly ready: Promise<void>;
  markReady(): void;
  /** Run `f`; on a throw, log it as `what` and return `fallback` (a bad document never takes the server down). */
  safe<T>(what: string, fallback: T, f: () => T): T;
}

export function createContext(connection: Connection, documents: TextDocuments<TextDocument>, service: LanguageService, log: Logger): ServerContext {
  let markReady: () => void = () => {};
  const ready = new Promise<void>((r) => (markReady = r));
  return {
    connection,
    documents,
    service,
    log,
    caps: {},
    folders: [],
    ready,
    markReady: () => markReady(),
    safe<T>(what: string, fallback: T, f: () => T): T {
      try {
        return f();
      } catch (e) {
        log.error(`${what} failed: ${(e as Error)?.stack ?? e}`);
        return fallback;
      }
    },
  };
}
