/** What the extension-host suites share: the extension's id, a polling wait, the workspace folder. */
import * as vscode from 'vscode';

export const EXT_ID = 'boardpaper.boardpaper';

/** Resolve with `fn()`'s first truthy value, polling every 100 ms, or fail after `ms`. */
export async function waitFor<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, ms = 30000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The test workspace's folder. */
export const root = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;
