/**
 * The editor's `importStudio` settings section as the server reads it (workspace/configuration).
 * Settings are user input: anything not of the expected shape is ignored rather than trusted.
 */
import type { WorkspaceOverrides } from '../../../engine/src/workspace/loadWorkspace';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** `importStudio.sftpRoot` and `importStudio.sandbox.{people,records}`: empty means importstudio.yaml's. */
export function overridesOf(section: unknown): WorkspaceOverrides {
  const settings = record(section);
  const sandbox = record(settings.sandbox);
  const overrides: WorkspaceOverrides = {};
  const sftpRoot = text(settings.sftpRoot);
  const people = text(sandbox.people);
  const records = text(sandbox.records);
  if (sftpRoot) overrides.sftpRoot = sftpRoot;
  if (people) overrides.people = people;
  if (records) overrides.records = records;
  return overrides;
}
