import * as assert from 'node:assert/strict';
import { SpanIndex } from '../../server/src/core/spanIndex';
import type { Span } from '../../server/src/core/types';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

describe('SpanIndex', () => {
  it('answers overlap and containment exactly as a scan of every span does', () => {
    const next = random(7);
    for (let round = 0; round < 200; round++) {
      const spans: Span[] = Array.from({ length: Math.floor(next() * 12) }, () => {
        const start = Math.floor(next() * 50);
        return { start, end: start + Math.floor(next() * 15) };
      });
      const index = new SpanIndex(spans);
      for (let q = 0; q < 50; q++) {
        const start = Math.floor(next() * 60);
        const s = { start, end: start + Math.floor(next() * 10) };
        const overlaps = spans.some((x) => x.start < s.end && s.start < x.end);
        const contains = spans.some((x) => x.start <= s.start && s.end <= x.end);
        assert.equal(index.overlaps(s), overlaps, `overlaps ${JSON.stringify(s)} in ${JSON.stringify(spans)}`);
        assert.equal(index.contains(s), contains, `contains ${JSON.stringify(s)} in ${JSON.stringify(spans)}`);
      }
    }
  });

  it('finds nothing in an empty index', () => {
    const index = new SpanIndex([]);
    assert.equal(index.overlaps({ start: 0, end: 5 }), false);
    assert.equal(index.contains({ start: 0, end: 0 }), false);
  });

  it('sees a long span that starts early past many short ones after it', () => {
    const spans = [{ start: 0, end: 1000 }, ...Array.from({ length: 100 }, (_, i) => ({ start: i * 5 + 1, end: i * 5 + 2 }))];
    const index = new SpanIndex(spans);
    assert.ok(index.contains({ start: 700, end: 720 }));
    assert.ok(!index.contains({ start: 990, end: 1001 }));
    assert.ok(index.overlaps({ start: 999, end: 1005 }));
    assert.ok(!index.overlaps({ start: 1000, end: 1005 }));
  });
});
