/**
 * Work-done progress for a long request (dry runs, import runs), over any connection: the Node
 * server's and the Web Worker servers' (server/src/browser). The client's own token when the request
 * carries one (VS Code's dry-run command passes it, so the counts land in its notification), else one
 * the server creates when the client allows it.
 */
import { type Connection, WorkDoneProgress } from 'vscode-languageserver';

/** begin / report / end of one dry run's progress, whichever way the token came. */
export interface Progress {
  report(message: string): void;
  /** Ends the progress; `message` says how it ended (a client may show it), where the token is the client's. */
  done(message?: string): void;
}

const noProgress: Progress = { report() {}, done() {} };

export async function startProgress(
  connection: Connection,
  params: { workDoneToken?: string | number },
  canCreate: boolean,
  title: string,
): Promise<Progress> {
  const token = params.workDoneToken;
  if (token !== undefined) {
    void connection.sendProgress(WorkDoneProgress.type, token, { kind: 'begin', title, cancellable: true });
    return {
      report: (message) => void connection.sendProgress(WorkDoneProgress.type, token, { kind: 'report', message }),
      done: (message) =>
        void connection.sendProgress(WorkDoneProgress.type, token, { kind: 'end', ...(message ? { message } : {}) }),
    };
  }
  if (!canCreate) return noProgress;
  try {
    const reporter = await connection.window.createWorkDoneProgress();
    reporter.begin(title, undefined, undefined, true);
    return { report: (message) => reporter.report(message), done: () => reporter.done() };
  } catch {
    return noProgress;
  }
}
