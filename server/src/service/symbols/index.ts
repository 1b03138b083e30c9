/**
 * Document structure features: outline, folding, smart selection, links to the files a document
 * names, and code lenses. Pure functions of a ServiceContext; an unknown or broken document gives
 * an empty answer, never an exception.
 */
import type {
  CodeLens,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  Position,
  SelectionRange,
} from 'vscode-languageserver-types';
import type { ServiceContext } from '../context';
import { lensesOf } from './codeLenses';
import { outline } from './documentSymbols';
import { linksOf } from './documentLinks';
import { folds } from './folding';
import { selectionRangesAt } from './selectionRanges';

export { dryRunCommand, showReferencesCommand } from './codeLenses';

function safely<T>(fallback: T, run: () => T): T {
  try {
    return run();
  } catch {
    // A half-typed document can break an assumption; the editor still needs an answer.
    return fallback;
  }
}

export function documentSymbols(ctx: ServiceContext, uri: string): DocumentSymbol[] {
  return safely([], () => {
    const doc = ctx.document(uri);
    return doc ? outline(doc.parsed, doc.kind) : [];
  });
}

export function foldingRanges(ctx: ServiceContext, uri: string): FoldingRange[] {
  return safely([], () => {
    const doc = ctx.document(uri);
    return doc ? folds(doc.parsed) : [];
  });
}

export function selectionRanges(ctx: ServiceContext, uri: string, positions: Position[]): SelectionRange[] {
  return safely([], () => {
    const doc = ctx.document(uri);
    return doc ? selectionRangesAt(doc.parsed, positions) : [];
  });
}

export function documentLinks(ctx: ServiceContext, uri: string): DocumentLink[] {
  return safely([], () => {
    const doc = ctx.document(uri);
    return doc && ctx.workspace ? linksOf(ctx, ctx.workspace, doc) : [];
  });
}

export function codeLenses(ctx: ServiceContext, uri: string): CodeLens[] {
  return safely([], () => {
    const doc = ctx.document(uri);
    return doc && ctx.workspace ? lensesOf(ctx, ctx.workspace, doc) : [];
  });
}
