/** What a dry run needs: everything already loaded by the caller (the workspace loader, the CLI, a test). */
import type {
  FormDefinition,
  ImportConfig,
  MappingFile,
  RecordCreationMode,
  SandboxPerson,
  SandboxRecord,
} from '../model/workspace';
import type { StartReadThread } from '../read/readThread';
import type { SourceReader } from '../read/sourceRecord';
import type { PathObjectSpec } from '../transform/pathObject';
import type { RowCheckSpec } from '../map/rowChecks';
import type { TransformationSource } from '../transform/transformation';

export type { TransformationSource };

export interface DryRunOptions {
  /** Processed rows to run at most; 0 or absent = all. With a sort, the first `limit` rows read are sorted. */
  limit?: number;
  /** Aborting rejects the dry run with the signal's reason. */
  signal?: AbortSignal;
  /** Called now and then (about every 50 ms of work) and at the end with the rows processed so far. */
  onProgress?: (rowsDone: number) => void;
  /** Processed rows the result's cache keeps. Default 1000; Infinity keeps every row (an import run stores them). */
  cacheRows?: number;
  /**
   * Plan entries the result keeps (the counts cover all). Default 1000. Infinity keeps every entry with
   * every field's before and after: an import run (engine/src/execute) applies the whole plan from them.
   */
  planEntries?: number;
  /**
   * Problems the result keeps per code (the totals count all). Default 100, enough to read in a
   * panel; an import run keeps more, because its results file is where implementers look for lines.
   */
  problemsPerCode?: number;
  /** Only these form ids (default: every form whose mapping reads the import). */
  forms?: string[];
  /** Only this person (the platform's personId); other people's rows are skipped without a problem. */
  person?: string;
  /** Overrides runOptions.recordCreationMode (default createMissing). */
  creationMode?: RecordCreationMode;
  /** Overrides runOptions.ignoreErrorThreshold. */
  ignoreErrorThreshold?: boolean;
  /**
   * A second thread to read a big csv or tsv source on (Node: engine/src/io/nodeReadThread.ts), so
   * this thread only matches and maps. Not used for a run limited to fewer than 100,000 rows: a
   * preview of the first rows is quicker in one thread.
   */
  readThread?: StartReadThread;
  /** Bounds of each JSONata evaluation. Default 1000 ms and depth 3000. */
  guardrails?: { timeoutMs?: number; maxDepth?: number };
}

/** What the dry run tells the reader about the stages after it (OpenSourceOptions has the same names). */
export interface SourceHints {
  /** The transformation's path object: an xml reader builds only what its paths read. */
  pathObject?: PathObjectSpec;
  /** No transformation: a csv or tsv reader on a second thread may check the mapped cells (map/rowChecks.ts). */
  rowChecks?: RowCheckSpec;
  /** The dry run's work before the first row, run while a reading thread starts (if one does). */
  meanwhile?: () => void;
}

export interface DryRunInput {
  config: ImportConfig;
  /** Workspace-relative path of the import configuration (for configuration problem locations). */
  configPath: string;
  /** The mappings that read this import's alias. */
  mappings: readonly { value: MappingFile; path: string }[];
  /** Form definitions by form id. */
  forms: Readonly<Record<string, FormDefinition>>;
  people: readonly SandboxPerson[];
  records: readonly SandboxRecord[];
  /** Workspace-relative path of the source file (for data problem locations). */
  sourcePath: string;
  /**
   * Opens the source; called once. A ProblemError it throws (E0001, E0006...) becomes the result's
   * problem. Hints (SourceHints) let a reader do part of the later stages' work where it is cheaper.
   * `hints.pathObject`: the transformation's path object, so that an xml reader builds
   * only the parts of each record its paths read.
   */
  openSource(hints?: SourceHints): Promise<SourceReader>;
  /**
   * The transformation text: the inline expression (file = configPath, pointer = /transformation/expression)
   * or the contents of the .jsonata file (file = its path, no pointer). When absent and the configuration
   * has an inline expression, that expression is used.
   */
  transformation?: TransformationSource;
  options?: DryRunOptions;
}
