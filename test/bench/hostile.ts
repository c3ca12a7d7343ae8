/**
 * The hostile shapes of issue 9, checked by the whole engine at two sizes: the time
 * per KB should stay about the same when the input doubles (linear), where remark
 * alone was quadratic or overflowed the stack. Prints figures; asserts nothing.
 */
import { ReportLinter } from '../../server/src/core/engine';

const TABLE = '| ID Number | Agency |\n| --- | --- |\n| RA1-KE-01-A | Police |\n';

const SHAPES: Record<string, (n: number) => string> = {
  'a table cell of *_*_…': (n) => `${TABLE}| RA1-KE-02-A | ${'*_'.repeat(n / 2)} |\n`,
  'a paragraph of a* _b …': (n) => `Text ${'a* _b '.repeat(n / 6)} end.\n`,
  'nested block quotes': (n) => `${'>'.repeat(n)} child pornography\n`,
  'nested list items': (n) => `${'* '.repeat(n / 2)}x\n`,
  'a table row then a deeply indented list': (n) =>
    TABLE + Array.from({ length: Math.floor(Math.sqrt(n)) }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n'),
  'nested images': (n) => `${'!['.repeat(n / 6)}x${'](a)'.repeat(n / 6)}\n`,
  'curly quotes': (n) => `${'“'.repeat(n / 2)}${'”'.repeat(n / 2)}\n`,
  'footnote-reference brackets [^[^[^…': (n) => `Text ${'[^'.repeat(n / 2)}\n`,
  // The grid table extension reads to the end before it fails: tried at every line, 48 KB took 242 s.
  'a grid table never closed': (n) => `${'+-+\n|a|\n'.repeat(n / 8)}|a\n`,
  'a grid table of rows': (n) =>
    `+-------------+--------+\n| ID Number   | Agency |\n+=============+========+\n${'| RA1-KE-01-A | Police |\n+-------------+--------+\n'.repeat(n / 50)}`,
  'an HTML table cell of nested <div>s': (n) => `<table><tr><th>ID</th></tr><tr><td>${'<div>'.repeat(n / 5)}\n`,
  'multiline table borders never closed': (n) => `${'--------\nID  Agency\n--- ---\nRA1-KE-01-A\n\n'.repeat(n / 36)}`,
};

export async function benchHostile(): Promise<void> {
  console.log('\nHostile shapes (whole engine, fastest of 3 fresh checks; ms per KB at 24 KB and 48 KB)');
  for (const [name, make] of Object.entries(SHAPES)) {
    new ReportLinter().lint(make(2_000)); // warm-up: the first check compiles the code it runs
    const figures = [24_000, 48_000].map((n) => {
      const text = make(n);
      // The fastest of three fresh checks: the others on a shared machine are noise.
      let ms = Infinity;
      for (let run = 0; run < 3; run++) {
        const t = performance.now();
        new ReportLinter().lint(text);
        ms = Math.min(ms, performance.now() - t);
      }
      return `${(ms / (text.length / 1024)).toFixed(2)} ms/KB (${(text.length / 1024).toFixed(0)} KB, ${ms.toFixed(0)} ms)`;
    });
    console.log(`  ${name.padEnd(42)} ${figures.join('   ')}`);
  }
}
