/**
 * Shrinks a failing document while it keeps failing the same way (delta debugging:
 * drop chunks of lines, then of characters, halving the chunk size), within a time
 * budget, so a failure file shows the few characters that matter.
 */
export function minimise(text: string, stillFails: (candidate: string) => boolean, budgetMs = 20_000): string {
  const deadline = Date.now() + budgetMs;
  let best = text;
  for (const unit of ['line', 'char'] as const) {
    let pieces = unit === 'line' ? best.split(/(?<=\n)/) : [...best];
    let chunk = Math.max(1, Math.floor(pieces.length / 2));
    while (chunk >= 1 && Date.now() < deadline) {
      let removed = false;
      for (let i = 0; i < pieces.length && Date.now() < deadline;) {
        const candidate = [...pieces.slice(0, i), ...pieces.slice(i + chunk)];
        const joined = candidate.join('');
        let fails: boolean;
        try {
          fails = joined !== best && stillFails(joined);
        } catch {
          fails = false;
        }
        if (fails) {
          pieces = candidate;
          best = joined;
          removed = true;
        } else i += chunk;
      }
      if (!removed) chunk = Math.floor(chunk / 2);
      else chunk = Math.min(chunk, Math.max(1, Math.floor(pieces.length / 2)));
    }
  }
  return best;
}
