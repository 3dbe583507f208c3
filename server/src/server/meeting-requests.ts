/**
 * The Meeting view's requests (../protocol-meeting.ts): the workspace's
 * meetings, and one meeting's readiness. The service decides (service/agenda.ts
 * over core/agenda); this only translates. Long work reports progress.
 */
import type { Connection } from 'vscode-languageserver';
import { MeetingListRequest, MeetingStatusRequest, type MeetingEntry, type MeetingStatusParams, type MeetingStatusResult } from '../protocol-meeting';
import { uriToPath, type LanguageService } from './service/language-service';

export function registerMeetingRequests(
  connection: Connection,
  service: LanguageService,
  workspaceIndexed: () => Promise<void> = () => service.index.ready,
): void {
  connection.onRequest(MeetingListRequest, async (): Promise<MeetingEntry[]> => {
    await workspaceIndexed().catch(() => undefined); // every paper, not those indexed so far
    return service.agenda.meetings();
  });

  connection.onRequest(MeetingStatusRequest, async (p: MeetingStatusParams): Promise<MeetingStatusResult> => {
    await workspaceIndexed().catch(() => undefined);
    if (!p || typeof p !== 'object') throw new Error('boardPaper/meetingStatus needs { agendaUri } or { meeting, date }');
    return service.agenda.status(p, uriToPath);
  });
}
