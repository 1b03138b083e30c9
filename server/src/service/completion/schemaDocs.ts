/** The markdown that documents a key from its schema: title, description, allowed values, default. */
import type { SchemaFacts } from './schemaIndex';

const code = (v: unknown) => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``;

export function keyMarkdown(facts: SchemaFacts, keyPath?: string): string {
  const parts: string[] = [];
  if (facts.title) parts.push(`**${facts.title}**${keyPath ? ` (${code(keyPath)})` : ''}`);
  if (facts.markdown) parts.push(facts.markdown);
  if (facts.enumValues && facts.enumValues.length > 0)
    parts.push(`Allowed values: ${facts.enumValues.map(code).join(', ')}`);
  if (facts.hasDefault) parts.push(`Default: ${code(facts.defaultValue)}`);
  return parts.join('\n\n');
}

/** The documentation of one enum value: its description, under the key's title. */
export function enumValueMarkdown(facts: SchemaFacts, value: unknown): string | undefined {
  const index = facts.enumValues?.indexOf(value) ?? -1;
  if (index < 0) return undefined;
  const doc = facts.enumDocs[index];
  const head = `${code(value)}${facts.title ? ` · ${facts.title}` : ''}${facts.hasDefault && facts.defaultValue === value ? ' (default)' : ''}`;
  return doc ? `**${head}**\n\n${doc}` : `**${head}**`;
}
