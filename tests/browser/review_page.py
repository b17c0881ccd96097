"""Drives tmalign's review page in Debian's Chromium through Playwright.

Usage: review_page.py STEP PAGE.html [ARGS...]; exits non-zero with a message
on stderr when a check fails. tests/review_browser.rs runs each step as a test.
Steps: open, unedited, edit, inject, timing, shots.
"""
import json
import sys
import tempfile
import time

from playwright.sync_api import sync_playwright

ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def check(cond, message):
    if not cond:
        fail(message)


class Browser:
    def __init__(self, p, width=1400, height=900):
        # The profile is removed with the browser: a test leaves nothing behind.
        self.profile = tempfile.TemporaryDirectory(prefix="tmalign-chromium-")
        self.ctx = p.chromium.launch_persistent_context(
            self.profile.name,
            executable_path="/usr/bin/chromium", headless=True, args=ARGS,
            viewport={"width": width, "height": height}, accept_downloads=True)
        self.page = self.ctx.new_page()
        self.console, self.errors, self.dialogs, self.requests = [], [], [], []
        self.page.on("console", lambda m: self.console.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def open(self, path):
        self.page.goto("file://" + path)
        self.page.wait_for_selector("body[data-ready=true]", timeout=60000)
        check(not self.errors, "script errors: %r" % self.errors)

    def save(self, out):
        with self.page.expect_download() as info:
            self.page.click("#save")
        info.value.save_as(out)
        return open(out, "rb").read()


def sentences_once_in_order(doc):
    docs = doc["documents"]
    nxt = [0] * len(docs)
    for b, bead in enumerate(doc["beads"]):
        check(any(bead["ids"]), "bead %d is empty" % b)
        for k, ids in enumerate(bead["ids"]):
            for i in ids:
                check(i == nxt[k], "bead %d: document %d: expected sentence %d, found %d" % (b, k, nxt[k], i))
                nxt[k] += 1
    for k, d in enumerate(docs):
        check(nxt[k] == len(d["sentences"]), "document %d: %d of %d sentences in beads" % (k, nxt[k], len(d["sentences"])))


def step_open(b, page, expected_json):
    expected = json.load(open(expected_json))
    b.open(page)
    # Rows are in the DOM only near the screen: scroll through the page and
    # collect every row once, with the direction of its Arabic cell.
    seen = b.page.evaluate("""async () => {
      const seen = {};
      for (let y = 0; ; y += window.innerHeight / 2) {
        window.scrollTo(0, y);
        await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
        for (const row of document.querySelectorAll('.rows .row')) {
          const ar = row.querySelector('.cell[lang=ar]');
          seen[row.dataset.index] = {
            ar: ar ? [ar.dir, getComputedStyle(ar).direction] : null,
            auto: [...row.querySelectorAll('.cell .s')].every(s => s.dir === 'auto'),
          };
        }
        if (y + window.innerHeight >= document.documentElement.scrollHeight) break;
      }
      window.scrollTo(0, 0);
      await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
      return seen;
    }""")
    n = len(expected["beads"])
    check(sorted(seen, key=int) == [str(i) for i in range(n)], "rows seen %r for %d beads" % (sorted(seen, key=int), n))
    dirs = [v["ar"] for v in seen.values()]
    check(all(d == ["rtl", "rtl"] for d in dirs), "Arabic cells not right to left: %r" % dirs[:3])
    check(all(v["auto"] for v in seen.values()), "a sentence without dir=auto")
    # The evidence of a bead with a number: both spellings are in the bead's cells.
    found = b.page.evaluate("""() => {
      for (const row of document.querySelectorAll('.rows .row')) {
        const chip = row.querySelector('.chip.n');
        if (!chip) continue;
        const parts = [...chip.querySelectorAll('bdi')].map(x => [x.lang, x.textContent]);
        const cells = Object.fromEntries([...row.querySelectorAll('.cell')].map(c => [c.lang, c.textContent]));
        return {parts, cells, len: row.querySelector('.len') ? row.querySelector('.len').textContent : ''};
      }
      return null; }""")
    check(found is not None, "no bead shows a number anchor")
    for lang, text in found["parts"]:
        check(text in found["cells"][lang], "number %r not in the %s cell %r" % (text, lang, found["cells"][lang]))
    check(any(ch in "٠١٢٣٤٥٦٧٨٩" for _, t in found["parts"] for ch in t), "no Arabic-Indic digits matched: %r" % found["parts"])
    check("fitted" in found["len"], "no length evidence: %r" % found["len"])
    counter = b.page.text_content("#counter")
    check(counter.endswith("of %d need review" % len(expected["beads"])), "counter %r" % counter)
    # Each filter shows exactly the beads it names, and scrolling the
    # filtered list shows each of them once.
    min_score = b.page.evaluate("() => JSON.parse(document.getElementById('tmalign-data').textContent).review.minScore")
    beads = expected["beads"]
    omit = [i for i, x in enumerate(beads) if not all(x["ids"])]
    below = [i for i, x in enumerate(beads) if x["score"] < min_score]
    review = sorted(set(omit) | set(below))
    check(counter.startswith("%d of" % len(review)), "counter %r, expected %d to review" % (counter, len(review)))
    for name, want in [("review", review), ("below", below), ("omit", omit), ("all", list(range(n)))]:
        b.page.select_option("#filter", name)
        got = b.page.evaluate("""async () => {
          const seen = new Set();
          window.scrollTo(0, 0);
          for (let y = 0; ; y += window.innerHeight / 2) {
            window.scrollTo(0, y);
            await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
            for (const row of document.querySelectorAll('.rows .row')) seen.add(+row.dataset.index);
            if (y + window.innerHeight >= document.documentElement.scrollHeight) break;
          }
          window.scrollTo(0, 0);
          return [+document.getElementById('rows').dataset.count, [...seen].sort((a, b) => a - b)];
        }""")
        check(got[0] == len(want) and got[1] == want, "filter %s shows %r, expected %r" % (name, got, want))
    paths = b.page.locator(".plot path.marks").count()
    check(paths >= 2, "path plots have %d mark paths" % paths)


def step_unedited(b, page, expected_json, out):
    b.open(page)
    got = b.save(out)
    want = open(expected_json, "rb").read()
    check(got == want, "unedited save differs from align -f json (%d vs %d bytes)" % (len(got), len(want)))


def step_edit(b, page, out):
    b.open(page)
    before = b.page.evaluate("() => window.tmalignReview.beads().length")
    # Merge the first two beads with the row's button.
    b.page.locator(".rows .row").nth(0).locator("button.merge").click()
    check(b.page.evaluate("() => window.tmalignReview.beads().length") == before - 1, "merge did not remove a bead")
    # Split the merged bead after its first sentence of the first side.
    row = b.page.locator(".rows .row").nth(0)
    first = row.locator(".cell").nth(0).locator(".s").nth(0)
    first.hover()
    first.locator("button", has_text="✂").click()
    check(b.page.evaluate("() => window.tmalignReview.beads().length") == before, "split did not add a bead")
    # Move the first sentence of side 1 in bead 3 up to bead 2.
    third = b.page.locator(".rows .row").nth(2).locator(".cell").nth(1).locator(".s").nth(0)
    third.hover()
    third.locator("button", has_text="↑").click()
    check(b.page.evaluate("() => window.tmalignReview.checkInvariant()") is None, "invariant broken")
    # Exclude bead 5 with the keyboard.
    b.page.locator(".rows .row").nth(4).locator(".meta .num").click()
    b.page.keyboard.press("x")
    saved = json.loads(b.save(out))
    sentences_once_in_order(saved)
    check(saved["beads"][4].get("excluded") is True, "bead 5 not excluded: %r" % saved["beads"][4])
    check(saved["beads"][0].get("confirmed") is True, "edited bead not confirmed")
    check(not b.errors and not b.console, "console: %r %r" % (b.console, b.errors))


INJECTIONS = ["<script>", '"><img src=x onerror=', "</textarea>", "{{", "</script>"]


def step_inject(b, page, texts_json):
    texts = json.load(open(texts_json))
    b.page.add_init_script("window.__pwned = 0;")
    b.open(page)
    shown = b.page.eval_on_selector_all(".rows .s .t", "ts => ts.map(t => t.textContent)")
    for t in texts:
        check(t in shown, "text not shown literally: %r" % t)
    for s in INJECTIONS:
        check(any(s in t for t in shown), "no sentence holds %r" % s)
    check(b.page.locator(".rows img, .rows script, .rows textarea, .rows b").count() == 0, "markup from the data became elements")
    check(b.page.evaluate("() => window.__pwned") == 0, "an injected script ran")
    b.page.wait_for_timeout(300)
    check(not b.dialogs, "dialogs opened: %r" % b.dialogs)
    check(not b.console, "console messages: %r" % b.console)
    check(not b.errors, "page errors: %r" % b.errors)
    check(all(u.startswith(("file:", "blob:", "data:")) for u in b.requests), "network requests: %r" % b.requests)


# Frame timings: each sample is the time from a change to the second
# animation frame after it, when the new state has been painted. An empty
# frame (no change) is measured the same way in the same run: on a loaded
# machine it is far above the 16.7 ms of one frame, and the difference is
# what the page costs. The main thread's busy time per sample comes from
# the DevTools Performance domain.
FRAMES = """async ([what, n]) => {
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const h = document.documentElement.scrollHeight;
  const sel = document.getElementById('filter');
  const filters = ["review", "omit", "below", "all"];
  window.scrollTo(0, what === "wheel" ? h / 3 : 0);
  await frame(); await frame();
  const times = [];
  for (let i = 1; i <= n; i++) {
    const t = performance.now();
    if (what === "wheel") window.scrollBy(0, 120);
    else if (what === "jump") window.scrollTo(0, h * ((i * 7919) % n) / n);
    else if (what === "filter") { sel.value = filters[i % filters.length]; sel.dispatchEvent(new Event('change')); }
    await frame();
    times.push(performance.now() - t);
  }
  if (what === "filter") { sel.value = "all"; sel.dispatchEvent(new Event('change')); await frame(); }
  times.sort((a, b) => a - b);
  return {median: times[n >> 1], max: times[n - 1]};
}"""


def step_timing(b, page):
    t0 = time.perf_counter()
    b.page.goto("file://" + page, wait_until="domcontentloaded")
    b.page.wait_for_selector(".rows .row")
    b.page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    first = time.perf_counter() - t0
    b.page.wait_for_selector("body[data-ready=true]", timeout=120000)
    check(not b.errors, "script errors: %r" % b.errors)
    dom_rows = b.page.locator(".rows .row").count()
    cdp = b.ctx.new_cdp_session(b.page)
    cdp.send("Performance.enable")

    def busy():
        m = {x["name"]: x["value"] for x in cdp.send("Performance.getMetrics")["metrics"]}
        return m["TaskDuration"]

    out = {"first_screen_s": round(first, 3), "rows_in_dom": dom_rows}
    n = 40
    for what in ["empty", "wheel", "jump", "filter", "empty"]:
        before = busy()
        got = b.page.evaluate(FRAMES, [what, n])
        task = (busy() - before) * 1000 / n
        key = what if what not in out else what + "_again"
        out[key] = {"median_ms": round(got["median"], 1), "max_ms": round(got["max"], 1), "busy_ms": round(task, 1)}
    check(not b.errors, "script errors: %r" % b.errors)
    print(json.dumps(out))


def step_shots(b, page, outdir):
    b.open(page)
    b.page.evaluate("document.fonts.ready")
    b.page.evaluate("window.scrollTo(0, 0)")
    b.page.screenshot(path=outdir + "/review-page.png", type="png")
    b.page.locator(".overview").screenshot(path=outdir + "/review-plot.png")


def main():
    step, page, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
    steps = {"open": step_open, "unedited": step_unedited, "edit": step_edit,
             "inject": step_inject, "timing": step_timing, "shots": step_shots}
    with sync_playwright() as p:
        b = Browser(p, *( (1280, 1000) if step == "shots" else ()))
        try:
            steps[step](b, page, *rest)
        finally:
            b.ctx.close()
            b.profile.cleanup()


if __name__ == "__main__":
    main()
