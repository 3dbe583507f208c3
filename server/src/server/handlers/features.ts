/** The language features: completion, hover, code actions, symbols, folding, definition. Translate only. */
import { flatSymbols } from '../service/symbols';
import type { ServerContext } from '../context';

export function registerFeatures(ctx: ServerContext): void {
  const { connection, documents, service, safe } = ctx;
  connection.onCompletion((p) =>
    safe('completion', null, () =>
      service.complete(documents.get(p.textDocument.uri), p.position, {
        snippets: !!ctx.caps.textDocument?.completion?.completionItem?.snippetSupport,
        asIs: !!ctx.caps.textDocument?.completion?.completionItem?.insertTextModeSupport?.valueSet?.includes(1),
      }),
    ),
  );

  connection.onHover((p) => safe('hover', null, () => service.hover(documents.get(p.textDocument.uri), p.position)));

  connection.onCodeAction((p) =>
    safe('code actions', [], () =>
      service.codeActions(documents.get(p.textDocument.uri), p.context ?? { diagnostics: [] }, {
        documentChanges: !!ctx.caps.workspace?.workspaceEdit?.documentChanges,
      }),
    ),
  );

  connection.onDocumentSymbol((p) =>
    safe('document symbols', [], () => {
      const doc = documents.get(p.textDocument.uri);
      const symbols = service.documentSymbols(doc);
      if (ctx.caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport || !doc) return symbols;
      return flatSymbols(service.model(doc), symbols);
    }),
  );

  connection.onFoldingRanges((p) => safe('folding', [], () => service.foldingRanges(documents.get(p.textDocument.uri))));

  connection.onDefinition((p) => safe('definition', null, () => service.definition(documents.get(p.textDocument.uri), p.position)));
}
