/**
 * Diagnostics: documents opened, changed, saved and closed; publishing.
 *
 * Diagnostics always belong to the latest text: a change schedules a check
 * (debounced), and the check reads the document as it is *when it runs* and
 * publishes with that version, synchronously after any await. A burst of
 * edits therefore ends with diagnostics for the final text, never a stale set.
 */
import * as path from 'node:path';
import { MessageType, ShowMessageNotification, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { PROFILE_FILE } from '../../node/profile-loader';
import { isAgendaDocument, isCheckedDocument, uriToPath } from '../service/language-service';
import type { ServerContext } from '../context';

/** Edits to a profile are debounced a little more: they re-check (and re-index) everything. */
const PROFILE_DELAY_MS = 250;

export class DiagnosticsPublisher {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly openedAt = new Map<string, number>();
  /** What was last published per URI, to republish others only when their set changed. */
  private readonly published = new Map<string, string>();
  private profileUris = new Set<string>();
  private knownRoots = 0;
  private profileTimer: ReturnType<typeof setTimeout> | undefined;
  private othersTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly warned = new Set<string>();

  /** `reindex` runs the workspace index again (after a profile changed). */
  constructor(
    private readonly ctx: ServerContext,
    private readonly reindex: () => void,
  ) {}

  /** Document events: open, change, save, close. */
  listen(): void {
    const { documents, service } = this.ctx;
    documents.onDidOpen((e) => {
      const doc = e.document;
      this.openedAt.set(doc.uri, doc.version);
      service.opened(doc);
      if (service.isProfileInput(doc.uri) || path.basename(uriToPath(doc.uri) ?? '') === PROFILE_FILE) this.profilesChanged();
      if (isCheckedDocument(doc)) this.schedule(doc.uri, 0);
    });
    documents.onDidChangeContent((e) => {
      const doc = e.document;
      if (this.openedAt.get(doc.uri) === doc.version) return; // the open itself, handled above
      if (service.isProfileInput(doc.uri)) this.profilesChanged();
      if (isCheckedDocument(doc)) this.schedule(doc.uri, service.settingsFor(doc.uri).diagnosticsDelay);
    });
    documents.onDidSave((e) => {
      if (service.isProfileInput(e.document.uri)) this.profilesChanged();
    });
    documents.onDidClose((e) => {
      const uri = e.document.uri;
      const t = this.timers.get(uri);
      if (t) clearTimeout(t);
      this.timers.delete(uri);
      this.openedAt.delete(uri);
      this.published.delete(uri);
      this.ctx.safe('closing', undefined, () => service.closed(uri));
      if (!this.profileUris.has(uri)) void this.ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
      if (service.isProfileInput(uri))
        this.profilesChanged(); // back to what is on disk
      else this.scheduleOthers(uri);
    });
  }

  private schedule(uri: string, delay: number): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.validate(uri);
      }, delay),
    );
  }

  private async validate(uri: string): Promise<void> {
    await this.ctx.ready;
    // An agenda is judged against the workspace's papers: wait for them (no "missing" paper that is merely not indexed yet).
    if (isAgendaDocument({ uri })) await this.ctx.service.index.ready.catch(() => undefined);
    // Read the document now: whatever version it has reached is the one checked.
    const doc = this.ctx.documents.get(uri);
    if (!doc || !isCheckedDocument(doc)) return;
    this.publish(doc);
    this.scheduleOthers(uri);
    if (this.ctx.service.profiles.roots.size !== this.knownRoots) this.publishProfileDiagnostics();
  }

  private publish(doc: TextDocument, onlyIfChanged = false): void {
    const { ctx } = this;
    const diagnostics: Diagnostic[] = ctx.safe(`checking ${doc.uri}`, [], () => ctx.service.diagnostics(doc));
    const sig = `${doc.version}\u0000${JSON.stringify(diagnostics.map((d) => [d.code, d.range, d.message, d.severity]))}`;
    if (onlyIfChanged && this.published.get(doc.uri) === sig) return;
    this.published.set(doc.uri, sig);
    void ctx.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
    const model = ctx.safe('model', undefined, () => ctx.service.model(doc));
    if (model?.profileError) this.warnProfile(model.profileError.message);
  }

  private warnProfile(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    // A notification, not window/showMessageRequest: nothing waits for the user.
    void this.ctx.connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Warning,
      message: `boardpaper: the profile cannot be used, so papers under it are not checked: ${message}`,
    });
  }

  /** Other open papers may gain or lose across-papers findings (duplicate agenda items). */
  scheduleOthers(except?: string): void {
    if (this.othersTimer) clearTimeout(this.othersTimer);
    this.othersTimer = setTimeout(() => {
      this.othersTimer = undefined;
      for (const d of this.ctx.documents.all()) {
        if (d.uri === except || this.timers.has(d.uri) || !isCheckedDocument(d)) continue;
        this.publish(d, true);
      }
    }, 50);
  }

  /** Check every open paper again (settings or the index changed). */
  revalidateAll(forget = false): void {
    if (forget) this.published.clear();
    for (const d of this.ctx.documents.all()) if (isCheckedDocument(d)) this.schedule(d.uri, 0);
  }

  publishProfileDiagnostics(): void {
    const { ctx } = this;
    const map = ctx.safe('profile diagnostics', new Map<string, Diagnostic[]>(), () => ctx.service.profileDiagnostics());
    this.knownRoots = ctx.service.profiles.roots.size;
    for (const [uri, diagnostics] of map) void ctx.connection.sendDiagnostics({ uri, diagnostics });
    for (const uri of this.profileUris) if (!map.has(uri)) void ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.profileUris = new Set(map.keys());
  }

  /** A profile or register changed (on disk or in the editor): load again, re-check everything. */
  profilesChanged(): void {
    if (this.profileTimer) clearTimeout(this.profileTimer);
    this.profileTimer = setTimeout(() => {
      this.profileTimer = undefined;
      this.ctx.safe('reloading profiles', undefined, () => this.ctx.service.invalidateProfiles());
      this.published.clear();
      this.warned.clear();
      this.publishProfileDiagnostics();
      this.revalidateAll();
      this.reindex();
    }, PROFILE_DELAY_MS);
  }
}
