/**
 * The outline of a workspace file. YAML structure in general (sections and their keys, like
 * yaml-language-server), with names people look for where the structure alone says little: a form
 * field is listed by its id with its type, an option by its value, a mapping field by the field id
 * with its expression, a sandbox record or person by its id.
 */
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { type DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import type { DocumentKind } from '../../../../engine/src/model/workspace';
import type { ParsedDocument } from '../../../../engine/src/workspace/parseDocument';
import { keyText, nodeRange, offsetsRange } from '../navigation/yamlTree';

/** Outlines stop growing here: a huge sandbox file must not freeze the editor (maxItemsComputed). */
const maxSymbols = 5000;

interface Budget {
  left: number;
}

function short(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

function scalarDetail(node: Node | null): string {
  return isScalar(node) && node.value !== null && node.value !== undefined ? short(String(node.value)) : '';
}

function kindOf(node: Node | null): SymbolKind {
  if (isMap(node)) return SymbolKind.Object;
  if (isSeq(node)) return SymbolKind.Array;
  if (!isScalar(node)) return SymbolKind.Null;
  switch (typeof node.value) {
    case 'number':
      return SymbolKind.Number;
    case 'boolean':
      return SymbolKind.Boolean;
    case 'string':
      return SymbolKind.String;
    default:
      return SymbolKind.Null;
  }
}

/** A map entry of an item: its text value. */
function entry(node: Node | null, key: string): string | undefined {
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => keyText(p.key) === key);
  return isScalar(pair?.value) && pair.value.value !== null ? String(pair.value.value) : undefined;
}

function symbol(
  parsed: ParsedDocument,
  name: string,
  kind: SymbolKind,
  detail: string,
  whole: Node,
  selection: Node,
  children: DocumentSymbol[],
  start?: number,
): DocumentSymbol | undefined {
  const range = whole.range;
  const selectionRange = nodeRange(parsed, selection);
  if (!range || !selectionRange) return undefined;
  const full = offsetsRange(parsed, start ?? range[0], range[1]);
  return { name: name === '' ? '""' : name, kind, detail, range: full, selectionRange, children };
}

type Namer = (
  path: string[],
  item: Node,
  index: number,
) => { name: string; kind: SymbolKind; detail: string } | undefined;

function itemNamer(kind: DocumentKind): Namer {
  return (path, item) => {
    const last = path[path.length - 1];
    if (kind === 'form' && last === 'fields') {
      const label = entry(item, 'label');
      const type = entry(item, 'type') ?? '';
      const id = entry(item, 'id');
      return id === undefined
        ? undefined
        : { name: id, kind: SymbolKind.Field, detail: label ? `${type} · ${label}` : type };
    }
    if (kind === 'form' && last === 'options') {
      const value = isScalar(item) ? String(item.value) : entry(item, 'value');
      return value === undefined
        ? undefined
        : { name: value, kind: SymbolKind.EnumMember, detail: entry(item, 'label') ?? '' };
    }
    if (kind === 'records' && last === 'records') {
      const id = entry(item, 'id');
      return id === undefined
        ? undefined
        : {
            name: id,
            kind: SymbolKind.Object,
            detail: [entry(item, 'form'), entry(item, 'person')].filter(Boolean).join(' · '),
          };
    }
    if (kind === 'people' && last === 'people') {
      const id = entry(item, 'personId');
      const name = [entry(item, 'firstName'), entry(item, 'lastName')].filter(Boolean).join(' ');
      return id === undefined ? undefined : { name: id, kind: SymbolKind.Object, detail: name };
    }
    return undefined;
  };
}

/** Children worth listing under a form field: its options, or a repeater's fields. */
function formFieldChildren(path: string[], pair: Pair): boolean {
  const key = keyText(pair.key);
  return path.length === 0 || path[path.length - 1] !== 'fieldItem' || key === 'options' || key === 'fields';
}

function walk(
  parsed: ParsedDocument,
  kind: DocumentKind,
  node: Node | null,
  path: string[],
  budget: Budget,
): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  const namer = itemNamer(kind);
  if (isMap(node)) {
    for (const pair of node.items) {
      if (budget.left-- <= 0) break;
      const key = pair.key as Node | null;
      const name = keyText(key);
      const value = pair.value as Node | null;
      if (name === undefined || !key) continue;
      // A form field's own keys are shown as its detail; only its options and nested fields nest.
      if (kind === 'form' && !formFieldChildren(path, pair)) continue;
      const children =
        value && (isMap(value) || isSeq(value)) ? walk(parsed, kind, value, [...path, name], budget) : [];
      const inMappingFields = kind === 'mapping' && path.length >= 1 && path[0] === 'fields';
      const symbolKind = inMappingFields
        ? path.length === 1
          ? SymbolKind.Field
          : SymbolKind.EnumMember
        : path.length === 0 && isMap(value)
          ? SymbolKind.Module
          : kindOf(value);
      const detail = isMap(value) && inMappingFields ? `${value.items.length} entries` : scalarDetail(value);
      const s = symbol(parsed, name, symbolKind, detail, value ?? key, key, children, key.range?.[0]);
      if (s) out.push(s);
    }
  } else if (isSeq(node)) {
    node.items.forEach((raw, i) => {
      const item = raw as Node | null;
      if (!item || budget.left-- <= 0) return;
      const named = namer(path, item, i);
      const childPath =
        kind === 'form' && path[path.length - 1] === 'fields' ? [...path, 'fieldItem'] : [...path, String(i)];
      const children = isMap(item) || isSeq(item) ? walk(parsed, kind, item, childPath, budget) : [];
      const s = named
        ? symbol(parsed, named.name, named.kind, named.detail, item, item, children)
        : symbol(parsed, `[${i}]`, kindOf(item), scalarDetail(item), item, item, children);
      if (s) out.push(s);
    });
  }
  return out;
}

export function outline(parsed: ParsedDocument, kind: DocumentKind): DocumentSymbol[] {
  const contents = (parsed.document?.contents as Node | null | undefined) ?? null;
  return walk(parsed, kind, contents, [], { left: maxSymbols });
}
