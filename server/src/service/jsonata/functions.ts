/**
 * The JSONata standard library (jsonata 2.x), for completion and hover inside expressions: each
 * function's parameters as the JSONata documentation writes them (optional ones in brackets) and
 * one line on what it does. A test checks that every function the installed jsonata binds is here.
 */

export interface JsonataFunction {
  /** Without the `$`. */
  name: string;
  /** Parameters as documented, e.g. `str, start[, length]`. */
  params: string;
  /** What the function returns, e.g. `string`. */
  returns: string;
  doc: string;
  category: 'String' | 'Numeric' | 'Aggregation' | 'Boolean' | 'Array' | 'Object' | 'Date/Time' | 'Higher-order';
}

const f = (
  category: JsonataFunction['category'],
  name: string,
  params: string,
  returns: string,
  doc: string,
): JsonataFunction => ({ name, params, returns, doc, category });

export const jsonataFunctions: readonly JsonataFunction[] = [
  // String
  f(
    'String',
    'string',
    'arg[, prettify]',
    'string',
    'Casts `arg` to a string (numbers and objects as JSON); `prettify` indents objects.',
  ),
  f('String', 'length', 'str', 'number', 'The number of characters in `str`.'),
  f(
    'String',
    'substring',
    'str, start[, length]',
    'string',
    'The part of `str` from position `start` (0-based; negative counts from the end), at most `length` characters.',
  ),
  f(
    'String',
    'substringBefore',
    'str, chars',
    'string',
    'The part of `str` before the first occurrence of `chars` (all of `str` if absent).',
  ),
  f(
    'String',
    'substringAfter',
    'str, chars',
    'string',
    'The part of `str` after the first occurrence of `chars` (all of `str` if absent).',
  ),
  f('String', 'uppercase', 'str', 'string', '`str` in upper case.'),
  f('String', 'lowercase', 'str', 'string', '`str` in lower case.'),
  f(
    'String',
    'trim',
    'str',
    'string',
    '`str` with leading and trailing whitespace removed and inner runs of whitespace made one space.',
  ),
  f(
    'String',
    'pad',
    'str, width[, char]',
    'string',
    'Pads `str` with `char` (default space) to `width` characters; a negative width pads on the left.',
  ),
  f(
    'String',
    'contains',
    'str, pattern',
    'boolean',
    'True when `str` contains `pattern` (a string or a regular expression).',
  ),
  f(
    'String',
    'split',
    'str, separator[, limit]',
    'array<string>',
    'Splits `str` at each `separator` (a string or a regular expression) into at most `limit` parts.',
  ),
  f(
    'String',
    'join',
    'array[, separator]',
    'string',
    'Joins an array of strings into one string, with `separator` (default none) between them.',
  ),
  f(
    'String',
    'match',
    'str, pattern[, limit]',
    'array<object>',
    'The matches of the regular expression `pattern` in `str`: objects with `match`, `index` and `groups`.',
  ),
  f(
    'String',
    'replace',
    'str, pattern, replacement[, limit]',
    'string',
    'Replaces occurrences of `pattern` (a string or a regular expression) in `str` by `replacement` (a string or a function).',
  ),
  f(
    'String',
    'eval',
    'expr[, context]',
    'any',
    'Parses and evaluates the JSONata expression in the string `expr`, against `context` if given.',
  ),
  f('String', 'base64encode', 'str', 'string', 'Encodes `str` in Base 64.'),
  f('String', 'base64decode', 'str', 'string', 'Decodes a Base 64 string.'),
  f('String', 'encodeUrlComponent', 'str', 'string', 'Percent-encodes `str` for use as one URL component.'),
  f('String', 'encodeUrl', 'str', 'string', 'Percent-encodes `str` for use as a whole URL.'),
  f('String', 'decodeUrlComponent', 'str', 'string', 'Decodes a percent-encoded URL component.'),
  f('String', 'decodeUrl', 'str', 'string', 'Decodes a percent-encoded URL.'),
  // Numeric
  f(
    'Numeric',
    'number',
    'arg',
    'number',
    'Casts `arg` to a number: numeric strings (including hex `0x`, octal `0o`, binary `0b`) and booleans.',
  ),
  f('Numeric', 'abs', 'number', 'number', 'The absolute value of `number`.'),
  f('Numeric', 'floor', 'number', 'number', '`number` rounded down.'),
  f('Numeric', 'ceil', 'number', 'number', '`number` rounded up.'),
  f(
    'Numeric',
    'round',
    'number[, precision]',
    'number',
    '`number` rounded to `precision` decimal places (default 0), halves to even.',
  ),
  f('Numeric', 'power', 'base, exponent', 'number', '`base` raised to the power `exponent`.'),
  f('Numeric', 'sqrt', 'number', 'number', 'The square root of `number`.'),
  f('Numeric', 'random', '', 'number', 'A pseudo-random number between 0 (inclusive) and 1 (exclusive).'),
  f(
    'Numeric',
    'formatNumber',
    'number, picture[, options]',
    'string',
    'Formats `number` with a decimal picture string, e.g. `$formatNumber(1234.5, "#,##0.00")` gives `1,234.50`.',
  ),
  f('Numeric', 'formatBase', 'number[, radix]', 'string', 'Writes `number` in base `radix` (2 to 36, default 10).'),
  f(
    'Numeric',
    'formatInteger',
    'number, picture',
    'string',
    'Writes an integer with a picture: `"w"` for words, `"I"` for Roman numerals, `"001"` for padding.',
  ),
  f(
    'Numeric',
    'parseInteger',
    'string, picture',
    'number',
    'Reads an integer written with a picture (the reverse of `$formatInteger`).',
  ),
  // Aggregation
  f('Aggregation', 'sum', 'array', 'number', 'The sum of an array of numbers.'),
  f('Aggregation', 'max', 'array', 'number', 'The largest number of an array.'),
  f('Aggregation', 'min', 'array', 'number', 'The smallest number of an array.'),
  f('Aggregation', 'average', 'array', 'number', 'The mean of an array of numbers.'),
  // Boolean
  f(
    'Boolean',
    'boolean',
    'arg',
    'boolean',
    'Casts `arg` to a boolean: empty strings, 0, empty arrays and objects, and null are false.',
  ),
  f('Boolean', 'not', 'arg', 'boolean', 'The negation of `arg` cast to a boolean.'),
  f('Boolean', 'exists', 'arg', 'boolean', 'True when `arg` has a value (a missing column or key has none).'),
  // Array
  f('Array', 'count', 'array', 'number', 'The number of items of `array` (1 for a single value, 0 for nothing).'),
  f('Array', 'append', 'array1, array2', 'array', 'The items of `array1` followed by those of `array2`.'),
  f(
    'Array',
    'sort',
    'array[, function]',
    'array',
    'The items sorted, by `function($l, $r)` returning true when `$l` goes after `$r` if given.',
  ),
  f('Array', 'reverse', 'array', 'array', 'The items in reverse order.'),
  f('Array', 'shuffle', 'array', 'array', 'The items in random order.'),
  f('Array', 'distinct', 'array', 'array', 'The items without duplicates.'),
  f(
    'Array',
    'zip',
    'array1, ...',
    'array',
    'Arrays of the items at each position of the given arrays, as long as the shortest.',
  ),
  // Object
  f('Object', 'keys', 'object', 'array<string>', 'The keys of `object` (of every object in an array).'),
  f('Object', 'lookup', 'object, key', 'any', 'The value of `key` in `object` (in every object of an array).'),
  f('Object', 'spread', 'object', 'array<object>', 'One single-key object per key of `object`.'),
  f(
    'Object',
    'merge',
    'array<object>',
    'object',
    'One object with the keys of every object of the array (later ones win).',
  ),
  f('Object', 'sift', 'object, function', 'object', 'The keys of `object` for which `function($v, $k)` returns true.'),
  f('Object', 'each', 'object, function', 'array', 'The results of `function($v, $k)` for each key of `object`.'),
  f('Object', 'error', 'message', 'never', 'Stops the evaluation with an error carrying `message`.'),
  f(
    'Object',
    'assert',
    'condition, message',
    'undefined',
    'Stops the evaluation with `message` when `condition` is false.',
  ),
  f(
    'Object',
    'type',
    'value',
    'string',
    'The type of `value`: `"null"`, `"number"`, `"string"`, `"boolean"`, `"array"`, `"object"` or `"function"`.',
  ),
  f('Object', 'clone', 'object', 'object', 'A deep copy of `object`.'),
  // Date/Time
  f(
    'Date/Time',
    'now',
    '[picture[, timezone]]',
    'string',
    'The current time as an ISO 8601 timestamp (or formatted with `picture`); the same for a whole evaluation.',
  ),
  f(
    'Date/Time',
    'millis',
    '',
    'number',
    'The current time in milliseconds since the Unix epoch; the same for a whole evaluation.',
  ),
  f(
    'Date/Time',
    'fromMillis',
    'number[, picture[, timezone]]',
    'string',
    'Milliseconds since the epoch as an ISO 8601 timestamp, or formatted with an XPath `picture` such as `"[M01]/[D01]/[Y0001]"`.',
  ),
  f(
    'Date/Time',
    'toMillis',
    'timestamp[, picture]',
    'number',
    'A timestamp (ISO 8601, or read with `picture` such as `"[M]/[D]/[Y]"`) in milliseconds since the epoch.',
  ),
  // Higher-order
  f(
    'Higher-order',
    'map',
    'array, function',
    'array',
    'The results of `function($v, $i, $a)` for each item of `array`.',
  ),
  f(
    'Higher-order',
    'filter',
    'array, function',
    'array',
    'The items of `array` for which `function($v, $i, $a)` returns true.',
  ),
  f(
    'Higher-order',
    'single',
    'array[, function]',
    'any',
    'The one item of `array` that satisfies `function`; an error when none or several do.',
  ),
  f(
    'Higher-order',
    'reduce',
    'array, function[, init]',
    'any',
    'Folds `array` into one value with `function($acc, $v)`, starting from `init` or the first item.',
  ),
];

const byName = new Map(jsonataFunctions.map((fn) => [fn.name, fn]));

export function jsonataFunction(name: string): JsonataFunction | undefined {
  return byName.get(name.startsWith('$') ? name.slice(1) : name);
}

export function signatureOf(fn: JsonataFunction): string {
  return `$${fn.name}(${fn.params}): ${fn.returns}`;
}

/** The required parameters (those before the first optional one), for snippet placeholders. */
export function requiredParams(fn: JsonataFunction): string[] {
  const required = fn.params.split('[')[0] ?? '';
  return required
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '' && p !== '...');
}

/** Markdown for completion documentation and hover: the signature in a code block and the doc. */
export function functionMarkdown(fn: JsonataFunction): string {
  return ['```jsonata', signatureOf(fn), '```', '', fn.doc, '', `*${fn.category} function*`].join('\n');
}
