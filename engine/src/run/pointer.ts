/** JSON pointers (RFC 6901) into configuration and mapping files, for problem locations. */
export function pointer(...segments: string[]): string {
  let out = '';
  for (const s of segments) out += `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  return out;
}
