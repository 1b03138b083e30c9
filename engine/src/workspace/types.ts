/** What loading a workspace gives: every file parsed and validated, plus the resolved sandbox. */
import type { Problem } from '../errors/problem';
import type {
  DocumentKind,
  FormDefinition,
  ImportConfig,
  MappingFile,
  SandboxPeopleFile,
  SandboxPerson,
  SandboxRecord,
  SandboxRecordsFile,
  WorkspaceFile,
} from '../model/workspace';
import type { ParsedDocument } from './parseDocument';

export interface LoadedDocument<T> {
  /** Absolute path, forward slashes. */
  path: string;
  /** Path relative to the workspace root, forward slashes: the `file` of its problems' locations. */
  relativePath: string;
  kind: DocumentKind;
  text: string;
  /**
   * The validated value; undefined when the file is invalid beyond use (a syntax error, or a schema
   * problem other than an unknown key, which the pipeline can safely ignore).
   */
  value: T | undefined;
  parsed: ParsedDocument;
}

export interface Workspace {
  /** The workspace folder (absolute, forward slashes). */
  root: string;
  /** The folder standing in for the platform's SFTP root (absolute); the workspace folder by default. */
  sftpRoot: string;
  /** importstudio.yaml (or .yml, .json); undefined when the folder has none. */
  workspaceFile: LoadedDocument<WorkspaceFile> | undefined;
  imports: LoadedDocument<ImportConfig>[];
  forms: LoadedDocument<FormDefinition>[];
  mappings: LoadedDocument<MappingFile>[];
  jsonata: LoadedDocument<string>[];
  /** Every people and records file read (named by convention or by importstudio.yaml's sandbox). */
  sandboxFiles: LoadedDocument<SandboxPeopleFile | SandboxRecordsFile>[];
  people: SandboxPerson[];
  records: SandboxRecord[];
  /** Every problem found: syntax, schema, sandbox and cross-file. */
  problems: Problem[];
}
