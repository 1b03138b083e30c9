/**
 * The error catalog: every problem Import Studio reports has one code here, with its severity, a
 * title, what it means, how to fix it and an example. The language server, the CLI and the panels
 * all show these codes; docs/errors.md is generated from this file (npm run docs:errors).
 *
 * E0001 to E0005 are the platform's own codes, kept as the platform defines them. Import Studio's
 * codes follow, one per condition; a code is never reused for another condition.
 */
import type { Location, Problem } from './problem';

export type Severity = 'error' | 'warning' | 'info';
export type Stage = 'configuration' | 'read' | 'transform' | 'cache' | 'match' | 'map' | 'run';

export interface CatalogEntry {
  title: string;
  severity: Severity;
  stage: Stage;
  /** True for the platform's own codes (E0001 to E0005). */
  platform?: true;
  meaning: string;
  fix: string;
  /** A message as the user would see it. */
  example: string;
}

export const catalog = {
  E0001: {
    title: 'Cannot read file',
    severity: 'error',
    stage: 'read',
    platform: true,
    meaning:
      'The import file could not be read: it is not at the configured path under the SFTP root, or it cannot be opened.',
    fix: 'Check that the file exists at `source.file` under the SFTP root and that it can be read.',
    example: "Cannot read file 'sis/students.tsv': no such file under the SFTP root 'sftp'.",
  },
  E0002: {
    title: 'Unsupported file format',
    severity: 'error',
    stage: 'read',
    platform: true,
    meaning:
      'The file is not in an accepted format: csv and tsv are read directly, xml and json need a transformation; anything else (an Excel workbook, say) is rejected.',
    fix: 'Export the data as CSV or TSV, or set `source.format` to the real format of the file.',
    example: "Unsupported file format: 'grades.xlsx' looks like an Excel workbook, not csv.",
  },
  E0003: {
    title: 'Duplicate column headers',
    severity: 'error',
    stage: 'read',
    platform: true,
    meaning: 'The header row repeats a column name; every header must be unique.',
    fix: 'Rename one of the duplicates (for example `Notes` to `Notes_Extra`).',
    example: "Duplicate column header 'Notes' in columns 4 and 9.",
  },
  E0004: {
    title: 'Invalid sort configuration',
    severity: 'error',
    stage: 'cache',
    platform: true,
    meaning: 'Row sorting is configured but its column or direction is missing or invalid.',
    fix: 'Give `sort` both a `column` and a `direction` (ascending or descending), or remove it.',
    example: "Invalid sort configuration: 'direction' must be ascending or descending.",
  },
  E0005: {
    title: 'Sort column not found',
    severity: 'error',
    stage: 'cache',
    platform: true,
    meaning: 'Unable to find column to sort on: the sort column is not among the processed columns.',
    fix: 'Make `sort.column` match a processed column (after the transformation, one of its output keys) or remove the sort.',
    example: "Unable to find column to sort on: 'LastNam'. Did you mean 'LastName'?",
  },
  E0006: {
    title: 'Empty file',
    severity: 'error',
    stage: 'read',
    meaning: 'The import file has no content at all.',
    fix: 'Check that the export that writes the file ran and wrote data.',
    example: "The file 'iep/iep_snapshot.csv' is empty.",
  },
  E0007: {
    title: 'Header only',
    severity: 'warning',
    stage: 'read',
    meaning: 'The file has a header row but no data rows, so the import changes nothing.',
    fix: 'Check that the export that writes the file selected any rows.',
    example: "The file 'grades/term_grades.csv' has a header but no data rows.",
  },
  E0008: {
    title: 'ID column not found',
    severity: 'error',
    stage: 'match',
    meaning: 'The person-matching `idColumn` is not among the processed columns, so no row can find its person.',
    fix: 'Set `personMatching.idColumn` to a processed column (the header in the file, or a key the transformation outputs).',
    example: "ID column 'StudentId' not found. Did you mean 'StudentID'?",
  },
  E0009: {
    title: 'Unparseable date',
    severity: 'error',
    stage: 'map',
    meaning: "A value mapped to a date field does not follow the configuration's date format.",
    fix: 'Fix the value in the file, or set `source.dateFormat` to the pattern the file uses.',
    example: "Row 12, column 'DOB': '13/04/2011' does not match the date format 'M/d/yyyy'.",
  },
  E0010: {
    title: 'Cell over 4,000 characters',
    severity: 'error',
    stage: 'map',
    meaning: "A value is longer than the 4,000 characters one cell may hold, or longer than the field's maxLength.",
    fix: 'Shorten the value in the source, or cut it in the expression (for example `$substring(Notes, 0, 4000)`).',
    example: "Row 7, field 'notes': the value has 5,210 characters; at most 4,000 fit.",
  },
  E0011: {
    title: 'Transformation does not compile',
    severity: 'error',
    stage: 'transform',
    meaning: 'The JSONata transformation has a syntax error.',
    fix: 'Correct the expression at the position shown.',
    example: "Transformation syntax error at line 3, column 14: expected ')' before end of expression.",
  },
  E0012: {
    title: 'Transformation failed',
    severity: 'error',
    stage: 'transform',
    meaning: 'The JSONata transformation raised an error, ran too long or recursed too deep while it ran.',
    fix: 'Correct the expression; check the record it failed on in the message.',
    example: 'Transformation failed on record 3: $number() cannot convert "n/a" to a number.',
  },
  E0013: {
    title: 'Transformation output is not rows',
    severity: 'error',
    stage: 'transform',
    meaning:
      'The transformation must return an object or an array of flat objects whose values are strings, numbers, booleans or null (the processed rows).',
    fix: 'Return `[{ "Column": value, ... }]`; join nested collections into one string (tab-separated for repeaters).',
    example: "Transformation output row 1, key 'Contacts' holds an array; a processed column must hold a scalar.",
  },
  E0014: {
    title: 'Transformation required',
    severity: 'error',
    stage: 'configuration',
    meaning: 'xml and json files must be reshaped into rows by a transformation before they can be imported.',
    fix: 'Add `transformation.expression` or `transformation.file` to the configuration.',
    example: "The import 'assessments' reads xml but has no transformation.",
  },
  E0015: {
    title: 'Malformed data',
    severity: 'error',
    stage: 'read',
    meaning: 'The file could not be parsed as its format (an unclosed quote in CSV, malformed XML or JSON).',
    fix: 'Fix the file at the position shown, or check that `source.format` is right.',
    example: 'Malformed csv at line 41: a quoted field is not closed before the end of the file.',
  },
  E0016: {
    title: 'Person not found',
    severity: 'warning',
    stage: 'match',
    meaning: "No person has the row's id in the `matchOn` field; the row is skipped, as the platform does.",
    fix: 'Check the id in the file, `personMatching.matchOn`, and the ignoreLeadingZeros and digitsOnly options.',
    example: "Row 5: no person has localId '000123' (ignoreLeadingZeros is off).",
  },
  E0017: {
    title: 'Several people matched',
    severity: 'error',
    stage: 'match',
    meaning: "More than one person has the row's id, so the row cannot be imported safely.",
    fix: 'Fix the duplicate ids on the platform, or match on a field that is unique.',
    example: "Row 9: 2 people have email 'j.doe@example.org'.",
  },
  E0018: {
    title: 'Matching element missing',
    severity: 'error',
    stage: 'configuration',
    meaning: 'The import has record matching on, but the mapping names no matching element for its form.',
    fix: 'Add `matchingElement` (the field and the expression that builds the key) to the mapping, or turn record matching off.',
    example: "The mapping 'report-card' reads 'term-grades', which has record matching on, but has no matchingElement.",
  },
  E0019: {
    title: 'Record locked',
    severity: 'warning',
    stage: 'match',
    meaning: 'The record the row would update is locked; imports never write to a locked record.',
    fix: 'Unlock the record on the platform if it should be updated; otherwise nothing to do.',
    example: "Row 14: record R-0042 of person P0012 (form report-card, key 'Fall') is locked.",
  },
  E0020: {
    title: 'Radio group with more than one true',
    severity: 'error',
    stage: 'map',
    meaning: 'Exactly one column of a radio group may be true in a row.',
    fix: "Fix the data so that only one of the group's columns is true.",
    example: "Row 3, field 'gradeLevel': options 'K' and '1' are both true.",
  },
  E0021: {
    title: 'Bad checkbox value',
    severity: 'error',
    stage: 'map',
    meaning: 'A checkbox or radio column must be true, false or blank.',
    fix: 'Write true, false or leave the cell blank (TRUE and FALSE are accepted too).',
    example: "Row 6, field 'services' option 'speech': 'yes' is not true, false or blank.",
  },
  E0022: {
    title: 'Too many repeater instances',
    severity: 'error',
    stage: 'map',
    meaning: "A repeater's tab-separated values hold more instances than its maxLimit allows.",
    fix: 'Trim the data, or raise `maxLimit` on the form if the platform allows it.',
    example: "Row 2, repeater 'contacts': 6 instances; maxLimit is 4.",
  },
  E0023: {
    title: 'Unknown alias',
    severity: 'error',
    stage: 'configuration',
    meaning: 'A mapping reads an import alias that no configuration in the workspace declares.',
    fix: 'Use the alias of an existing import configuration.',
    example: "Unknown import alias 'iep-snapshots'. Did you mean 'iep-snapshot'?",
  },
  E0024: {
    title: 'Unknown form',
    severity: 'error',
    stage: 'configuration',
    meaning: 'A mapping fills a form id that no form definition in the workspace declares.',
    fix: 'Use the id of an existing form definition.',
    example: "Unknown form 'report-cards'. Did you mean 'report-card'?",
  },
  E0025: {
    title: 'Unknown form field',
    severity: 'error',
    stage: 'configuration',
    meaning: 'A mapping fills a field (or option, or repeater field) that its form does not have.',
    fix: 'Use a field id of the form.',
    example: "The form 'iep-snapshot' has no field 'disabilty'. Did you mean 'disability'?",
  },
  E0026: {
    title: 'Encoding mismatch',
    severity: 'error',
    stage: 'read',
    meaning: 'Bytes in the file are not valid in the configured encoding.',
    fix: 'Set `source.encoding` to the encoding the file is written in (an export from Excel on Windows is often windows-1252).',
    example: 'Byte 0xE9 at line 12, column 8 is not valid utf-8; the file looks like windows-1252.',
  },
  E0027: {
    title: 'Path escapes the SFTP root',
    severity: 'error',
    stage: 'configuration',
    meaning:
      'A file path leads outside the SFTP root (through `..`, an absolute path or a symbolic link); the platform can only read files under its root.',
    fix: 'Give a path relative to the SFTP root that stays inside it.',
    example: "The path '../../etc/passwd' leads outside the SFTP root.",
  },
  E0028: {
    title: 'Value not among the options',
    severity: 'error',
    stage: 'map',
    meaning: 'A value mapped to a dropdown or radio field is neither an option value nor an option label of the field.',
    fix: "Add the value to the field's options, or translate it in the expression.",
    example: "Row 4, field 'disability': 'Autsm' is not an option. Did you mean 'Autism'?",
  },
  E0029: {
    title: 'Required field empty',
    severity: 'error',
    stage: 'map',
    meaning: 'A field the form requires gets no value from the row.',
    fix: 'Fill the column in the file, or map the field to an expression that always gives a value.',
    example: "Row 8: the required field 'caseManager' is empty.",
  },
  E0030: {
    title: 'Not a number',
    severity: 'error',
    stage: 'map',
    meaning: 'A value mapped to a number field is not a number.',
    fix: 'Fix the value, or convert it in the expression.',
    example: "Row 5, field 'score': '8O' is not a number.",
  },
  E0031: {
    title: 'Ragged row',
    severity: 'warning',
    stage: 'read',
    meaning:
      'A row has more or fewer cells than the header; missing cells are read as blank and extra cells are dropped.',
    fix: 'Check the row for a stray or missing delimiter.',
    example: 'Line 17 has 11 cells; the header has 12.',
  },
  E0032: {
    title: 'YAML or JSON syntax error',
    severity: 'error',
    stage: 'configuration',
    meaning: 'A workspace file cannot be parsed as YAML or JSON.',
    fix: 'Correct the syntax at the position shown.',
    example: 'Implicit map keys need to be followed by map values at line 4, column 3.',
  },
  E0033: {
    title: 'Schema violation',
    severity: 'error',
    stage: 'configuration',
    meaning:
      'A workspace file does not match the schema of its kind: a missing key, an unknown key, or a value of the wrong type or outside its allowed values.',
    fix: 'Follow the message; hover the key for its documentation.',
    example: "source.format: 'xls' is not allowed; use one of csv, tsv, xml, json.",
  },
  E0034: {
    title: 'Duplicate alias',
    severity: 'error',
    stage: 'configuration',
    meaning: 'Two import configurations declare the same alias; an alias must be unique.',
    fix: 'Rename one of the aliases (and the mappings that read it).',
    example: "The alias 'sis-nightly' is declared by imports/sis.import.yaml and imports/sis-copy.import.yaml.",
  },
  E0035: {
    title: 'Mapping expression does not compile',
    severity: 'error',
    stage: 'configuration',
    meaning: 'A mapping expression has a JSONata syntax error.',
    fix: 'Correct the expression at the position shown; put backticks around column names with spaces.',
    example: "Field 'studentName': syntax error at column 11: expected an expression after '&'.",
  },
  E0036: {
    title: 'Mapping expression failed',
    severity: 'error',
    stage: 'map',
    meaning: 'A mapping expression raised an error on a row.',
    fix: 'Correct the expression, or the row it failed on.',
    example: "Row 3, field 'score': $number() cannot convert 'absent' to a number.",
  },
  E0037: {
    title: 'Error threshold reached',
    severity: 'error',
    stage: 'run',
    meaning: 'The run stopped because the number of rows with errors reached the error threshold (default 500).',
    fix: 'Fix the errors, raise `runOptions.errorThreshold`, or set `ignoreErrorThreshold`.',
    example: 'Stopped after 500 rows with errors (errorThreshold 500); 1,284 rows were not processed.',
  },
  E0038: {
    title: 'Column not found',
    severity: 'error',
    stage: 'configuration',
    meaning: 'An expression names a column that is not among the processed columns.',
    fix: 'Use a processed column (the header in the file, or a key the transformation outputs).',
    example: "Field 'lastName': column 'Last_Name' not found. Did you mean 'LastName'?",
  },
  E0039: {
    title: 'Repeater values misaligned',
    severity: 'warning',
    stage: 'map',
    meaning: 'The fields of one repeater hold different numbers of tab-separated values, so instances do not line up.',
    fix: 'Give every field of the repeater the same number of values (leave a value empty between tabs).',
    example: "Row 2, repeater 'contacts': name has 3 values, phone has 2.",
  },
  E0040: {
    title: 'Record not created',
    severity: 'info',
    stage: 'match',
    meaning: 'No record matches the row and the record creation mode is doNotCreate, so the row is skipped.',
    fix: 'Run with recordCreationMode createMissing to create the missing records.',
    example: "Row 21: person P0007 has no report-card record with key 'Spring'; doNotCreate skips it.",
  },
  E0041: {
    title: 'Mapping does not fit the field type',
    severity: 'error',
    stage: 'configuration',
    meaning:
      'Checkbox and radio groups map one expression per option and repeaters one per nested field; other fields map one expression.',
    fix: 'Give a single expression for a plain field, or a map of option values (or nested field ids) for a group or repeater.',
    example: "Field 'services' is a checkbox group: map each option to a column, e.g. speech: SpeechTherapy.",
  },
  E0042: {
    title: 'Unsafe or oversized input',
    severity: 'error',
    stage: 'read',
    meaning:
      'The file uses a feature that is refused for safety (an XML DTD with external entities, entity expansion past its bound, a YAML alias bomb) or exceeds a size bound (a line longer than the maximum).',
    fix: 'Remove the DTD or entity declarations from the file; split very long lines.',
    example: 'XML external entity "xxe" refused at line 2, column 10.',
  },
  E0043: {
    title: 'Invalid date format pattern',
    severity: 'error',
    stage: 'configuration',
    meaning: 'The date format is not a pattern of yyyy, yy, MM, M, dd, d and separators.',
    fix: 'Use a pattern such as M/d/yyyy, yyyy-MM-dd or yyyyMMdd.',
    example: "Date format 'mm/dd/yyyy': 'mm' is not a token; months are MM or M.",
  },
  E0044: {
    title: 'Store in use',
    severity: 'error',
    stage: 'run',
    meaning:
      'Another process holds the sandbox store (a run, a reset, or a history query still open), so this run was refused: two runs at once could plan against records the other is changing.',
    fix: 'Wait for the other run to finish (its process is named in the message) and start again. A process that died leaves no lock behind: the next open takes the store over.',
    example:
      "The store .importstudio/sandbox.db is in use by 'import-studio run term-grades' (pid 4121) since 02:00:03.",
  },
  E0045: {
    title: 'Store unreadable',
    severity: 'error',
    stage: 'run',
    meaning:
      'The sandbox store file could not be opened as an Import Studio store: it is not an SQLite database, it is damaged, or it was written by a newer Import Studio.',
    fix: 'Rebuild it from the sandbox fixtures with `import-studio sandbox reset` (this empties the run history), or point `store.file` elsewhere.',
    example: "Cannot open the store '.importstudio/sandbox.db': file is not a database.",
  },
  E0046: {
    title: 'Run interrupted',
    severity: 'error',
    stage: 'run',
    meaning:
      'The process running the import stopped (killed, crashed, power lost) before it committed. Nothing of the run was applied; the run is marked Failed when the store is next opened.',
    fix: 'Run the import again.',
    example: 'Run 12 was interrupted before it committed: nothing was applied.',
  },
  E0047: {
    title: 'Completion hook failed',
    severity: 'warning',
    stage: 'run',
    meaning:
      'The command or webhook of `store.completionHook` failed after the run finished. The run itself is recorded as it ended; only the notification is missing.',
    fix: 'Check the command (it gets the run summary as JSON on standard input) or the webhook address.',
    example: "Completion hook 'notify.sh' exited with code 1.",
  },
  E0048: {
    title: 'Required field not mapped',
    severity: 'warning',
    stage: 'configuration',
    meaning:
      "A field the form requires has no entry in the mapping (nor is it the matching element), so a record the import creates would lack it. The dry run checks required fields only on the rows of mapped ones; the platform's form would reject such a record. Not reported when the import's record creation mode is doNotCreate, since updates keep a record's values.",
    fix: 'Map the field to the column that holds it (the quick fix proposes the closest column of the sample file), or make the field optional in the form if imports never fill it.',
    example:
      "The form 'iep-snapshot' requires 'caseManager', which is not among this mapping's fields: records it creates would lack it.",
  },
} as const satisfies Record<string, CatalogEntry>;

export type ErrorCode = keyof typeof catalog;

/** Builds a problem with the catalog's severity and fix; the caller says what happened and where. */
export function problem(
  code: ErrorCode,
  message: string,
  locations: Location[],
  extra?: { fix?: string; severity?: Severity; data?: Record<string, unknown> },
): Problem {
  const entry: CatalogEntry = catalog[code];
  return {
    code,
    severity: extra?.severity ?? entry.severity,
    message,
    fix: extra?.fix ?? entry.fix,
    locations,
    ...(extra?.data ? { data: extra.data } : {}),
  };
}

/** The address of a code's documentation, used as the diagnostic's codeDescription. */
export function docsUrl(code: ErrorCode): string {
  return `https://github.com/import-studio/import-studio/blob/main/docs/errors.md#${code.toLowerCase()}`;
}
