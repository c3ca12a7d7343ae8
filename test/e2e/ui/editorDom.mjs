// Finding and pointing at text in the Monaco editor of the code-server workbench.
//
// Monaco splits a line into one <span> per token (our injection grammar gives participant IDs
// their own tokens), renders spaces as U+00A0 and only renders the visible lines. So text is
// located per rendered line, across its text nodes, and measured with a DOM Range.

/**
 * The on-screen box of `text` in the active editor's rendered lines, waiting until it is
 * rendered. With `context` (a longer string containing `text`), the first rendered occurrence
 * of `context` is found and `text` is measured inside it: `{ context: '(RA1-KE-03-A)' }` picks
 * the citation rather than the table row. Resolves to { x, y, width, height } in page pixels.
 */
export async function textBox(page, text, { timeoutMs = 30_000, context = text } = {}) {
  const inner = context.indexOf(text);
  if (inner < 0) throw new Error(`textBox: context ${JSON.stringify(context)} does not contain ${JSON.stringify(text)}`);
  const handle = await page.waitForFunction(
    ({ needle, skip, length }) => {
      const lines = document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line');
      // Rendered lines are absolutely positioned and not in document order: sort by their top.
      const sorted = [...lines].sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
      for (const line of sorted) {
        const nodes = [];
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
        const full = nodes
          .map((n) => n.data)
          .join('')
          .replace(/\u00a0/g, ' ');
        const found = full.indexOf(needle);
        if (found < 0) continue;
        const at = found + skip;
        // Map the line offsets [at, at + length) back to (text node, offset) pairs.
        const locate = (offset) => {
          let rest = offset;
          for (const n of nodes) {
            if (rest <= n.data.length) return [n, rest];
            rest -= n.data.length;
          }
          return [nodes[nodes.length - 1], nodes[nodes.length - 1].data.length];
        };
        const range = document.createRange();
        range.setStart(...locate(at));
        range.setEnd(...locate(at + length));
        const r = range.getBoundingClientRect();
        if (!r.width || !r.height) return null;
        return { x: r.left, y: r.top, width: r.width, height: r.height };
      }
      return null;
    },
    { needle: context, skip: inner, length: text.length },
    { timeout: timeoutMs, polling: 200 },
  );
  return handle.jsonValue();
}

/** Moves the mouse onto the middle of `text` (first moving away, so the hover starts afresh). */
export async function hoverText(page, text, opts) {
  const box = await textBox(page, text, opts);
  await page.mouse.move(5, 5);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  return box;
}

/** Clicks into `text` at a fraction of its width (0 = its start, 1 = its end): places the cursor. */
export async function clickText(page, text, { at = 0.5, ...opts } = {}) {
  const box = await textBox(page, text, opts);
  await page.mouse.click(box.x + box.width * at, box.y + box.height / 2);
  return box;
}

/**
 * Ctrl+G, the 1-based line number (and column), Enter: scrolls the active editor to the line and
 * puts the cursor at its start or at `column` (the line must be rendered before its text can be
 * measured). Waits until the status bar shows the cursor there.
 *
 * To put the cursor into a word, prefer `column` to a click right after this: the editor saw the
 * Control key of Ctrl+G go down but not up (the Go to Line box had the focus), so it takes the
 * next click for a Ctrl+click (go to definition) and leaves the cursor where it was.
 */
export async function goToLine(page, line, { column, timeoutMs = 20_000 } = {}) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await input.fill(column === undefined ? `:${line}` : `:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: timeoutMs });
  await page
    .locator('.statusbar', { hasText: column === undefined ? `Ln ${line},` : new RegExp(`Ln ${line}, Col ${column}\\b`) })
    .first()
    .waitFor({ timeout: timeoutMs });
}

/** The 1-based number of the first line of `fileText` that contains `needle`. */
export function lineNumberOf(fileText, needle) {
  const index = fileText.split(/\r?\n/).findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`no line contains ${JSON.stringify(needle)}`);
  return index + 1;
}

/**
 * The visible hover widget whose text matches `pattern`, once it has faded in (waits for both);
 * resolves to its text.
 */
export async function waitForHover(page, pattern, { timeoutMs = 30_000 } = {}) {
  const hover = page.locator('.monaco-hover:visible', { hasText: pattern }).first();
  await hover.waitFor({ state: 'visible', timeout: timeoutMs });
  await settleAnimations(page);
  return (await hover.innerText()).replace(/\u00a0/g, ' ');
}

/**
 * Waits until a rendered line of the active editor contains `pattern` (a string) or matches it
 * (a RegExp); resolves to that line's text.
 */
export async function waitForEditorLine(page, pattern, { timeoutMs = 30_000 } = {}) {
  const source = pattern instanceof RegExp ? { re: pattern.source, flags: pattern.flags } : { re: null, text: pattern };
  const handle = await page.waitForFunction(
    (p) => {
      const test = p.re ? (t) => new RegExp(p.re, p.flags).test(t) : (t) => t.includes(p.text);
      for (const line of document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')) {
        const text = line.textContent.replace(/\u00a0/g, ' ');
        if (test(text)) return text;
      }
      return null;
    },
    source,
    { timeout: timeoutMs, polling: 200 },
  );
  return handle.jsonValue();
}

/**
 * Waits for the page's finite CSS animations to end. Widgets fade in: a screenshot taken during
 * the animation shows them half transparent. (Endless ones, such as progress bars, are skipped.)
 */
export async function settleAnimations(page) {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect && Number.isFinite(a.effect.getComputedTiming().endTime))
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

/**
 * Waits until a squiggle of `kind` ('warning', 'error', 'info', 'hint') underlines `text` (the
 * squiggle's box overlaps the text's box on the same row); `context` as for textBox.
 */
export async function waitForSquiggleUnder(page, text, kind, { timeoutMs = 30_000, context } = {}) {
  const box = await textBox(page, text, { timeoutMs, context });
  await page.waitForFunction(
    ({ b, selector }) =>
      [...document.querySelectorAll(selector)].some((el) => {
        const r = el.getBoundingClientRect();
        const sameRow = r.top < b.y + b.height && r.bottom > b.y;
        const overlaps = r.left < b.x + b.width - 1 && r.right > b.x + 1;
        return sameRow && overlaps;
      }),
    { b: box, selector: `.editor-instance .monaco-editor .squiggly-${kind}` },
    { timeout: timeoutMs, polling: 200 },
  );
}

/** Awaits `promise`, naming what the suite waited to see when it fails (Playwright's own errors name only selectors). */
export async function see(what, promise) {
  try {
    return await promise;
  } catch (err) {
    throw new Error(`did not see ${what}: ${String(err.message).split('\n')[0]}`, { cause: err });
  }
}
