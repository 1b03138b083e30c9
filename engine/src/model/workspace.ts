/**
 * The import workspace format: the shapes of the files an implementer keeps in a workspace folder.
 * These types mirror schemas/*.schema.json, which stay the single source of truth for validation,
 * completion and hover; a test checks that every sample file satisfies both.
 */

/** `importstudio.yaml` (or `.json`): marks the workspace root. */
export interface WorkspaceFile {
  version: 1;
  name?: string;
  /** Folder standing in for the platform's SFTP root, relative to the workspace file. Default ".". */
  sftpRoot?: string;
  sandbox?: {
    /** People the dry run matches against: a .csv or .yaml file relative to the workspace file. */
    people?: string;
    /** Form records that already exist: a .yaml or .csv file relative to the workspace file. */
    records?: string;
  };
  dryRun?: {
    /** Rows a dry run processes at most (0 = all). Default 0. */
    rowLimit?: number;
  };
  /** The embedded database that runs execute against (seeded from the sandbox fixtures). */
  store?: {
    /** The store file, relative to the workspace file. Default `.importstudio/sandbox.db`. */
    file?: string;
    /** Told when a run finishes; off when absent. */
    completionHook?: {
      /** A shell command; the run summary comes as JSON on its standard input. */
      command?: string;
      /** An http(s) address the run summary is POSTed to as JSON. */
      webhook?: string;
    };
  };
}

export type FileFormat = 'csv' | 'tsv' | 'xml' | 'json';
export type Encoding = 'utf-8' | 'ascii' | 'windows-1252' | 'iso-8859-1' | 'utf-16le' | 'utf-16be';
export type MatchOn = 'localId' | 'proprietaryId' | 'email';
export type SortDirection = 'ascending' | 'descending';
export type RecordCreationMode = 'doNotCreate' | 'createMissing' | 'alwaysCreate';

/** `*.import.yaml` (or `*.import.json`): one import configuration. */
export interface ImportConfig {
  name: string;
  /** Unique across the workspace: lowercase letters, digits and hyphens. */
  alias: string;
  description?: string;
  source: {
    /** The platform's SFTP is the only source type. */
    type: 'sftp';
    /** Path relative to the SFTP root; must not escape it. */
    file: string;
    format: FileFormat;
    /** Default utf-8; a byte-order mark in the file wins. */
    encoding?: Encoding;
    /** One pattern for every date in the file: yyyy, yy, MM, M, dd, d and literal separators. */
    dateFormat: string;
    /**
     * xml and json only: dotted path to the repeated record element (e.g. `Results.Student`).
     * When set, the file is streamed record by record and the transformation runs once per record;
     * when absent, the transformation receives the whole parsed document.
     */
    recordPath?: string;
  };
  /** Optional for csv and tsv (runs once per row), required for xml and json. */
  transformation?: { expression: string } | { file: string };
  sort?: { column: string; direction: SortDirection };
  personMatching: {
    idColumn: string;
    matchOn: MatchOn;
    ignoreLeadingZeros?: boolean;
    digitsOnly?: boolean;
  };
  /** Off: each row updates the person's most recent record. On: mappings name a matching element. */
  recordMatching?: boolean;
  runOptions?: {
    recordCreationMode?: RecordCreationMode;
    /** Default 500. */
    errorThreshold?: number;
    ignoreErrorThreshold?: boolean;
  };
  automation?: { nightly?: boolean };
}

export type FieldType = 'text' | 'textarea' | 'number' | 'date' | 'dropdown' | 'radio' | 'checkbox' | 'repeater';

/** An option of a dropdown, radio or checkbox field: a bare value, or a value with a label. */
export type FieldOption = string | { value: string; label?: string };

export interface FormField {
  id: string;
  label?: string;
  type: FieldType;
  /** dropdown, radio and checkbox only. */
  options?: FieldOption[];
  required?: boolean;
  /** At most 4000, the platform's cap for one cell. */
  maxLength?: number;
  /** repeater only: the fields of one instance (no nested repeaters). */
  fields?: FormField[];
  /** repeater only: the most instances a record may hold. */
  maxLimit?: number;
}

/** `*.form.yaml` (or `*.form.json`): one form definition. */
export interface FormDefinition {
  id: string;
  title: string;
  description?: string;
  fields: FormField[];
}

/**
 * How one form field is filled. A string is a JSONata expression over one processed row (a bare
 * column name is the simplest expression; backticks for names with spaces). Checkbox and radio
 * groups map each option value to an expression; a repeater maps each nested field id to an
 * expression whose value holds the instances separated by tab characters.
 */
export type FieldMapping = string | Record<string, string>;

/** `*.mapping.yaml` (or `*.mapping.json`): how one import fills one form. */
export interface MappingFile {
  /** The form id this mapping fills. */
  form: string;
  /** The alias of the import this mapping reads. */
  import: string;
  description?: string;
  /** The form field holding the record-matching key; required when the import has record matching on. */
  matchingElement?: { field: string; expression: string };
  fields: Record<string, FieldMapping>;
}

/** A person of the sandbox (people.csv or people.yaml). */
export interface SandboxPerson {
  /** The platform's internal person id, referenced by sandbox records. */
  personId: string;
  localId?: string;
  proprietaryId?: string;
  email?: string;
  firstName: string;
  lastName: string;
  active?: boolean;
}

/** A form record that already exists in the sandbox (records.yaml). */
export interface SandboxRecord {
  id: string;
  form: string;
  person: string;
  /** The value of the form's matching element, for record matching. */
  key?: string;
  values: Record<string, unknown>;
  locked?: boolean;
  /** ISO 8601 date-time; the most recent record of a person is the one modified last. */
  lastModified: string;
}

export interface SandboxPeopleFile {
  people: SandboxPerson[];
}
export interface SandboxRecordsFile {
  records: SandboxRecord[];
}

/** The kinds of file a workspace holds, recognised by file name. */
export type DocumentKind = 'workspace' | 'import' | 'form' | 'mapping' | 'people' | 'records' | 'jsonata';
