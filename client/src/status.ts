/** Status-bar item on board papers: the paper's error/warning counts; click for Problems. */
import * as vscode from 'vscode';

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('boardPaper.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subs: vscode.Disposable[] = [];

  constructor() {
    this.item.name = 'Board paper findings';
    this.item.command = 'workbench.actions.view.problems';
    this.subs.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const uri = vscode.window.activeTextEditor?.document.uri.toString();
        if (uri && e.uris.some((u) => u.toString() === uri)) this.update();
      }),
    );
    this.update();
  }

  /** For tests: what the item shows now. */
  state(): { text: string; tooltip: string } {
    return { text: this.item.text, tooltip: String(this.item.tooltip ?? '') };
  }

  private update() {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== 'markdown') return this.item.hide();
    const ours = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'boardpaper');
    if (!ours.length && !looksLikePaper(doc.getText(new vscode.Range(0, 0, 40, 0)))) return this.item.hide();
    const errors = ours.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const warnings = ours.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
    const infos = ours.length - errors - warnings;
    const n = (k: number, one: string) => `${k} ${one}${k === 1 ? '' : 's'}`;
    this.item.text =
      errors || warnings ? `$(law) ${errors ? `$(error) ${errors} ` : ''}${warnings ? `$(warning) ${warnings}` : ''}`.trim() : '$(law) $(check) Board paper';
    const counts = [errors ? n(errors, 'error') : '', warnings ? n(warnings, 'warning') : ''].filter(Boolean).join(', ') || 'no errors or warnings';
    // ✓ means no errors or warnings; info findings (suggestions) may remain, and the tooltip says so.
    this.item.tooltip = `Board paper: ${counts}${infos ? `; ${n(infos, 'info finding')} (suggestions) in Problems` : ''}${errors || warnings || infos ? ' — click to open Problems' : ''}`;
    this.item.show();
  }

  dispose() {
    this.item.dispose();
    for (const s of this.subs) s.dispose();
  }
}

/** Cheap check on the first lines: front-matter with a title and a meeting or agenda item. */
export function looksLikePaper(head: string): boolean {
  return /^\uFEFF?---\r?\n/.test(head) && /^title\s*:/m.test(head) && /^(meeting|agenda_item)\s*:/m.test(head);
}
