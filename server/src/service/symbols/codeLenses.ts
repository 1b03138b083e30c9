/**
 * Code lenses, as Terraform shows reference counts and dbt a "run" action above a model: above an
 * import configuration, "Dry run" and "N mappings · M forms" (the mappings that read it and the
 * forms they fill); above a form, "used by N mappings".
 */
import type { CodeLens, Location, Range } from 'vscode-languageserver-types';
import { rootRange } from '../../../../engine/src/workspace/parseDocument';
import type { LoadedDocument, Workspace } from '../../../../engine/src/workspace/types';
import type { ServiceContext } from '../context';
import { declared, formsWithId, mappingsOfForm, mappingsOfImport } from '../navigation/workspaceIndex';
import { scalarContentRange, stringScalarAt } from '../navigation/yamlTree';

/** Runs a dry run of the import whose URI is the argument (registered by the client). */
export const dryRunCommand = 'importStudio.dryRun';
/**
 * Shows locations in the references peek. Arguments: the document URI, the lens position and the
 * locations, as plain LSP JSON; the client turns them into vscode types and calls
 * editor.action.showReferences, which cannot take JSON itself.
 */
export const showReferencesCommand = 'importStudio.showReferences';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The location of a document's top-level value at `pointer` (the name it declares). */
function declaration(ctx: ServiceContext, doc: LoadedDocument<unknown>, pointer: string): Location | undefined {
  const node = stringScalarAt(doc.parsed, pointer);
  const range = node ? scalarContentRange(doc.parsed, node) : undefined;
  return range ? { uri: ctx.uriOf(doc.path), range } : undefined;
}

/** Lenses sit on the line of the document's first key, where Terraform puts them above a block. */
function lensRange(doc: LoadedDocument<unknown>): Range {
  const r = rootRange(doc.parsed);
  return { start: r.start, end: r.start };
}

function importLenses(ctx: ServiceContext, workspace: Workspace, doc: LoadedDocument<unknown>): CodeLens[] {
  const uri = ctx.uriOf(doc.path);
  const range = lensRange(doc);
  const alias = declared(doc, 'alias');
  const lenses: CodeLens[] = [{ range, command: { title: 'Dry run', command: dryRunCommand, arguments: [uri] } }];
  if (alias === undefined) return lenses;
  const mappings = mappingsOfImport(workspace, alias);
  const formIds = [...new Set(mappings.flatMap((m) => declared(m, 'form') ?? []))];
  const locations = [
    ...mappings.flatMap((m) => declaration(ctx, m, '/import') ?? []),
    ...formIds.flatMap((id) => formsWithId(workspace, id).flatMap((f) => declaration(ctx, f, '/id') ?? [])),
  ];
  lenses.push({
    range,
    command: {
      title: `${plural(mappings.length, 'mapping')} · ${plural(formIds.length, 'form')}`,
      command: showReferencesCommand,
      arguments: [uri, range.start, locations],
    },
  });
  return lenses;
}

function formLenses(ctx: ServiceContext, workspace: Workspace, doc: LoadedDocument<unknown>): CodeLens[] {
  const id = declared(doc, 'id');
  if (id === undefined) return [];
  const uri = ctx.uriOf(doc.path);
  const range = lensRange(doc);
  const mappings = mappingsOfForm(workspace, id);
  const locations = mappings.flatMap((m) => declaration(ctx, m, '/form') ?? []);
  return [
    {
      range,
      command: {
        title: `used by ${plural(mappings.length, 'mapping')}`,
        command: showReferencesCommand,
        arguments: [uri, range.start, locations],
      },
    },
  ];
}

export function lensesOf(ctx: ServiceContext, workspace: Workspace, doc: LoadedDocument<unknown>): CodeLens[] {
  if (doc.kind === 'import') return importLenses(ctx, workspace, doc);
  if (doc.kind === 'form') return formLenses(ctx, workspace, doc);
  return [];
}
