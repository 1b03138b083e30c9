/**
 * Key completions from the schema of the document's kind: the keys the mapping at the cursor
 * accepts and does not have yet, required ones first, each documented from its schema and
 * inserted with a value template (an enum choice, the default, or the nested keys of the
 * property's first `defaultSnippets` body). An empty mapping also gets its own defaultSnippets.
 */
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { SchemaKind } from '../../../../engine/src/workspace/schemaRegistry';
import type { KeyContext } from '../yamlPosition';
import { withEdit, yamlNeedsQuotes } from './edits';
import { keyMarkdown } from './schemaDocs';
import { factsOf, propertiesOf, type SchemaFacts, schemaView } from './schemaIndex';
import { choice, escapeSnippet, indentAll, indentLater, jsonBody, jsonEntries, yamlBody } from './snippetText';

export function schemaKeyCompletions(
  kind: SchemaKind,
  ctx: KeyContext,
  root: unknown,
  json: boolean,
  withObjectSnippets = true,
): CompletionItem[] {
  const view = schemaView(kind, ctx.path, root);
  const items: CompletionItem[] = [];
  const dotted = ctx.path.filter((s) => typeof s === 'string').join('.');
  propertiesOf(view, ctx.existingKeys)
    .filter((p) => !ctx.existingKeys.includes(p.name))
    .forEach((property, index) => {
      const facts = factsOf(property.schemas);
      const itemFacts = facts.types.includes('array')
        ? factsOf(schemaView(kind, [...ctx.path, property.name, 0], root).schemas)
        : undefined;
      const bodies = facts.types.includes('object') && facts.snippets.length > 0 ? facts.snippets : [undefined];
      for (const snippet of bodies) {
        const value = snippet ? snippet.body : undefined;
        const base: CompletionItem = {
          label: property.name,
          kind: CompletionItemKind.Property,
          ...(facts.title ? { detail: facts.title } : {}),
          documentation: {
            kind: 'markdown',
            value: keyMarkdown(facts, dotted ? `${dotted}.${property.name}` : property.name),
          },
          sortText: `${property.required ? '0' : '1'}${String(index).padStart(3, '0')}${snippet?.label ?? ''}`,
          ...(snippet && bodies.length > 1 ? { labelDetails: { description: snippet.label } } : {}),
        };
        const text = json
          ? jsonKeyText(property.name, ctx, facts, itemFacts, value)
          : ctx.flow
            ? yamlFlowKeyText(property.name, ctx, facts)
            : yamlKeyText(property.name, ctx, facts, itemFacts, value);
        items.push(withEdit(base, ctx.range, text, true));
      }
    });
  if (withObjectSnippets && ctx.existingKeys.length === 0)
    items.push(...objectSnippets(factsOf(view.schemas), ctx, json));
  return items;
}

/** The snippets of the mapping itself (a new form field, a new document's keys). */
function objectSnippets(facts: SchemaFacts, ctx: KeyContext, json: boolean): CompletionItem[] {
  return facts.snippets
    .filter((s) => typeof s.body === 'object' && s.body !== null && !Array.isArray(s.body))
    .map((s, i) =>
      withEdit(
        {
          label: s.label,
          kind: CompletionItemKind.Snippet,
          ...(s.description ? { detail: s.description } : {}),
          documentation: {
            kind: 'markdown',
            value: ['```' + (json ? 'json' : 'yaml'), json ? jsonEntries(s.body) : yamlBody(s.body), '```'].join('\n'),
          },
          sortText: `2${String(i).padStart(3, '0')}`,
        },
        ctx.range,
        json ? jsonEntries(s.body) + (ctx.followedByEntry ? ',' : '') : indentLater(yamlBody(s.body), ctx.extraIndent),
        true,
      ),
    );
}

/** Inside a YAML flow mapping (`{ id: a, | }`) nothing can go on the next lines: values stay inline. */
function yamlFlowKeyText(name: string, ctx: KeyContext, facts: SchemaFacts): string {
  const key = yamlNeedsQuotes(name, true) ? JSON.stringify(name) : escapeSnippet(name);
  if (ctx.keyOnly) return key;
  const value = facts.types.includes('array')
    ? '[$1]'
    : facts.types.includes('object') && !facts.types.includes('string')
      ? '{ $1 }'
      : scalarTemplate(facts);
  return `${key}: ${value}${ctx.followedByEntry ? ',' : ''}`;
}

function yamlKeyText(
  name: string,
  ctx: KeyContext,
  facts: SchemaFacts,
  itemFacts: SchemaFacts | undefined,
  body: unknown,
): string {
  const key = yamlNeedsQuotes(name, false) ? JSON.stringify(name) : escapeSnippet(name);
  if (ctx.keyOnly) return key;
  let text: string;
  if (body !== undefined) text = `${key}:\n${indentAll(yamlBody(body), 2)}`;
  else if (facts.types.includes('object') && !facts.types.includes('string')) text = `${key}:\n  $1`;
  else if (facts.types.includes('array')) {
    const item = itemFacts?.snippets.find((s) => typeof s.body === 'object' && s.body !== null)?.body;
    text = item !== undefined ? `${key}:\n  - ${indentLater(yamlBody(item), 4)}` : `${key}:\n  - $1`;
  } else text = `${key}: ${scalarTemplate(facts)}`;
  return indentLater(text, ctx.extraIndent);
}

function jsonKeyText(
  name: string,
  ctx: KeyContext,
  facts: SchemaFacts,
  itemFacts: SchemaFacts | undefined,
  body: unknown,
): string {
  const key = JSON.stringify(name).replace(/[$}\\]/g, (c) => (c === '\\' ? c : `\\${c}`));
  if (ctx.keyOnly) return key;
  let value: string;
  if (body !== undefined) value = jsonBody(body);
  else if (facts.types.includes('object') && !facts.types.includes('string')) value = '{\n  $1\n}';
  else if (facts.types.includes('array')) {
    const item = itemFacts?.snippets.find((s) => typeof s.body === 'object' && s.body !== null)?.body;
    value = item !== undefined ? `[\n${indentAll(jsonBody(item), 2)}\n]` : '[\n  $1\n]';
  } else {
    const scalar = scalarTemplate(facts);
    value =
      facts.types.includes('string') || (facts.enumValues ?? []).some((v) => typeof v === 'string')
        ? `"${scalar}"`
        : scalar;
  }
  return `${key}: ${value}${ctx.followedByEntry ? ',' : ''}`;
}

/** `${1|a,b|}` for enums and booleans (the default first), `${1:default}`, or `$1`. */
function scalarTemplate(facts: SchemaFacts): string {
  const values = facts.enumValues ?? (facts.types.includes('boolean') ? [false, true] : undefined);
  if (values && values.length > 0) {
    const ordered =
      facts.hasDefault && values.includes(facts.defaultValue)
        ? [facts.defaultValue, ...values.filter((v) => v !== facts.defaultValue)]
        : values;
    return ordered.length === 1 ? escapeSnippet(String(ordered[0])) : choice(1, ordered);
  }
  if (facts.hasDefault && (typeof facts.defaultValue === 'string' || typeof facts.defaultValue === 'number')) {
    return `\${1:${escapeSnippet(String(facts.defaultValue))}}`;
  }
  return '$1';
}
