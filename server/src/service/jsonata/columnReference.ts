/**
 * How a processed column is written in a JSONata expression: bare when it is a JSONata name,
 * otherwise between backticks (`` `First Name` ``), as docs/format.md says.
 */
const bareName = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Words JSONata reads as operators or literals, never as a field name. */
const reserved = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'function']);

export function columnReference(name: string): string {
  return bareName.test(name) && !reserved.has(name) ? name : `\`${name}\``;
}
