import type { Problem } from '../../../engine/src/errors/problem';

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`), so that a CI run
 * shows each problem on the line of the pull request it is about. Lines and columns are 1-based.
 * Properties and messages are escaped as the runner requires (%, CR, LF; and , : in properties).
 */
export function formatGithub(problems: readonly Problem[], pathPrefix = ''): string {
  return problems
    .map((p) => {
      const loc = p.locations[0];
      const command = p.severity === 'error' ? 'error' : p.severity === 'warning' ? 'warning' : 'notice';
      const props: string[] = [];
      if (loc) {
        props.push(`file=${escapeProperty(pathPrefix + loc.file)}`);
        if (loc.range) {
          props.push(`line=${loc.range.start.line + 1}`, `col=${loc.range.start.character + 1}`);
          if (loc.range.end.line > loc.range.start.line) props.push(`endLine=${loc.range.end.line + 1}`);
        }
      }
      props.push(`title=${escapeProperty(p.code)}`);
      return `::${command} ${props.join(',')}::${escapeData(`${p.code} ${p.message}`)}`;
    })
    .join('\n');
}

function escapeData(s: string): string {
  return s.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
