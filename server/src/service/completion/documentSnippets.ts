/**
 * Snippets for a new, empty file of a kind: the root `defaultSnippets` of its schema written out
 * as a whole YAML or JSON document. A new mapping's form and import are choices among the
 * workspace's form ids and aliases, so the first snippet is already a mapping that resolves.
 */
import { CompletionItemKind, type CompletionItem, type Range } from 'vscode-languageserver-types';
import type { SchemaKind } from '../../../../engine/src/workspace/schemaRegistry';
import type { Workspace } from '../../../../engine/src/workspace/types';
import { isRecord } from '../yamlPosition';
import { withEdit } from './edits';
import { factsOf, schemaView } from './schemaIndex';
import { choice, jsonBody, yamlBody } from './snippetText';
import { forms, imports } from './workspaceFacts';

export function documentSnippets(
  kind: SchemaKind,
  workspace: Workspace | undefined,
  range: Range,
  json: boolean,
): CompletionItem[] {
  const facts = factsOf(schemaView(kind, [], undefined).schemas);
  return facts.snippets.map((snippet, i) => {
    let body = snippet.body;
    if (kind === 'mapping' && isRecord(body)) {
      const formIds = forms(workspace).map((f) => f.id);
      const aliases = imports(workspace).map((m) => m.alias);
      body = {
        ...body,
        ...(formIds.length > 0 ? { form: choice(1, formIds) } : {}),
        ...(aliases.length > 0 ? { import: choice(2, aliases) } : {}),
      };
    }
    const text = json ? jsonBody(body) : `${yamlBody(body)}\n`;
    return withEdit(
      {
        label: snippet.label,
        kind: CompletionItemKind.Snippet,
        detail: `New ${kind} file${snippet.description ? `: ${snippet.description}` : ''}`,
        documentation: {
          kind: 'markdown',
          value: ['```' + (json ? 'json' : 'yaml'), text.trimEnd(), '```'].join('\n'),
        },
        sortText: `0${String(i).padStart(3, '0')}`,
      },
      range,
      text,
      true,
    );
  });
}
