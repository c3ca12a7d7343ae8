/**
 * A failure inside the server (a bug, not bad input: input problems get their own
 * messages): the editor's log gets one clear line saying what failed, and the stack
 * goes to the server's error output, which editors keep in their server log.
 */
export function logFailure(console: { error(message: string): void }, what: string, e: unknown): void {
  console.error(`report-lint: ${what} failed (a bug in report-lint; details in the server's error output): ${(e as Error)?.message ?? String(e)}`);
  process.stderr.write(`report-lint: ${what} failed: ${(e as Error)?.stack ?? String(e)}\n`);
}
