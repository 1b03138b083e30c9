/**
 * The compiled form of one mapping: every expression compiled once, every form field resolved to a
 * small record the per-row loop reads without lookups. All CompiledField objects have the same shape
 * (unused properties are null or -1) so the hot loop's property reads stay monomorphic.
 */
import type { FormDefinition } from '../model/workspace';
import type { FieldInput } from './fieldInput';
import type { OptionSet } from './optionSet';

export const TEXT = 0;
export const NUMBER = 1;
export const DATE = 2;
/** A dropdown, or a radio field mapped with one expression: the value is an option value or label. */
export const OPTION = 3;
/** A checkbox group: one true/false/blank input per option. */
export const CHECKBOX = 4;
/** A radio group mapped per option: exactly one input is true. */
export const RADIO = 5;
export const REPEATER = 6;
/** One option of a checkbox or radio group. */
export const FLAG = 7;

export interface CompiledField {
  /** The form field id; for a FLAG, the option value; for a repeater's nested field, its id. */
  id: string;
  kind: number;
  /** Index of the field's input in CompiledMapping.inputs; -1 for groups and repeaters. */
  slot: number;
  /** Pointer of the field's expression in the mapping file. */
  pointer: string;
  required: boolean;
  /** Longest text accepted: the field's maxLength, never more than the platform's 4,000. */
  maxLength: number;
  options: OptionSet | null;
  /** Options of a group (FLAG fields), or nested fields of a repeater. */
  members: CompiledField[] | null;
  /** A repeater's maxLimit (Infinity when unset). */
  maxLimit: number;
  /** The column a bare-column input reads, for problem locations; null for a JSONata expression. */
  column: string | null;
  /** Set when the input reads a column that does not exist (E0038); its required check is then left out. */
  columnMissing: boolean;
}

export interface CompiledMapping {
  formId: string;
  form: FormDefinition;
  /** Workspace-relative path of the mapping file. */
  path: string;
  inputs: FieldInput[];
  /** The field (or option, or nested field) each input fills. */
  inputTargets: CompiledField[];
  /** How messages name each input: "Field 'x'", "Field 'x' option 'y'". */
  inputLabels: string[];
  fields: CompiledField[];
  /** The matching element, when the import has record matching on. */
  key: { field: string; input: FieldInput; pointer: string } | null;
  /** True when every input is a bare column, so a row maps without awaiting anything. */
  allColumns: boolean;
}

export const CELL_LIMIT = 4000;
