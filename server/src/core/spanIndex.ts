import type { Span } from './types';

/**
 * Answers "does any span overlap / contain this one?" in O(log n), so checking
 * every term, ID and reference of a block against its code, URL and quotation
 * spans stays linear-logarithmic (a flat scan was quadratic: seconds on a
 * 300 KB paragraph dense with links and code).
 *
 * Among the spans that start before a point, the one reaching furthest decides
 * both questions, so a prefix maximum of ends over the spans sorted by start is
 * all that is needed.
 */
export class SpanIndex {
  private readonly starts: number[];
  /** furthestEnd[i]: the largest end among the first i+1 spans by start. */
  private readonly furthestEnd: number[];

  constructor(spans: readonly Span[]) {
    const sorted = [...spans].sort((a, b) => a.start - b.start);
    this.starts = sorted.map((s) => s.start);
    this.furthestEnd = [];
    let max = -Infinity;
    for (const s of sorted) {
      max = Math.max(max, s.end);
      this.furthestEnd.push(max);
    }
  }

  get size(): number {
    return this.starts.length;
  }

  /** Index of the last span whose start satisfies start < bound (or <= bound when inclusive); -1 if none. */
  private lastStartingBefore(bound: number, inclusive: boolean): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (inclusive ? this.starts[mid] <= bound : this.starts[mid] < bound) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** Some span x with x.start < s.end and s.start < x.end. */
  overlaps(s: Span): boolean {
    const i = this.lastStartingBefore(s.end, false);
    return i >= 0 && this.furthestEnd[i] > s.start;
  }

  /** Some span x with x.start <= s.start and s.end <= x.end. */
  contains(s: Span): boolean {
    const i = this.lastStartingBefore(s.start, true);
    return i >= 0 && this.furthestEnd[i] >= s.end;
  }
}
