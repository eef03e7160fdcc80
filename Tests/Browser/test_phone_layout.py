"""The notes/ site on a phone, in a real headless Chromium at 390 px: no page scrolls sideways, and what is
wider than the screen (display math, code, tables, example outputs) scrolls inside its own box instead.

Run by scripts/test.sh after `swift test` (SITEGEN is the sitegen binary; without it the test builds one).
Needs Debian's chromium and chromium-driver and PyPI's selenium (`scripts/install-deps.sh --test`).
"""

import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path


from test_search import REPO, headless_chromium, sitegen_binary

PHONE_WIDTH = 390

# Elements that may be wider than the screen because they scroll sideways themselves.
SCROLLERS = ".katex-display, pre, table, .tensor-output, .note-body :is(p, td):has(.katex)"

OVERFLOW_SCRIPT = """
const width = document.documentElement.clientWidth;
const page = document.documentElement.scrollWidth;
const scrollers = Array.from(document.querySelectorAll(arguments[0]));
// Inside a box that scrolls or clips (KaTeX hides its MathML and long SVG paths on purpose), an element is
// that box's business: the box itself is checked.
const contained = el => {
  for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
    if (getComputedStyle(a).overflowX !== "visible") return true;
  }
  return false;
};
const clipped = [];
for (const s of scrollers) {
  const style = getComputedStyle(s);
  if (s.scrollWidth > s.clientWidth + 1 && !["auto", "scroll"].includes(style.overflowX)) {
    clipped.push(s.tagName + "." + s.className + " clips its content");
  }
}
const wide = [];
for (const el of document.querySelectorAll("main *")) {
  if (contained(el)) continue;
  const r = el.getBoundingClientRect();
  if (r.width > 0 && r.right > width + 1) wide.push(el.tagName + "." + el.getAttribute("class") + " ends at " + Math.round(r.right));
}
return {width, page, wide: wide.slice(0, 5), clipped: clipped.slice(0, 5)};
"""


class PhoneLayoutTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = Path(tempfile.mkdtemp(prefix="sitegen-phone-"))
        cls.site = cls.work / "site"
        subprocess.run([sitegen_binary(), "build", "-q", "--notes", str(REPO / "notes"), "--templates",
                        str(REPO / "templates"), "--out", str(cls.site)], cwd=cls.work, check=True)
        cls.driver = headless_chromium(PHONE_WIDTH, 900, "--hide-scrollbars")
        cls.driver.set_page_load_timeout(20)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        shutil.rmtree(cls.work, ignore_errors=True)

    def test_no_page_scrolls_sideways_and_nothing_is_clipped(self):
        pages = sorted(self.site.rglob("*.html"))
        self.assertGreater(len(pages), 5, "the notes/ site has too few pages to mean anything")
        for page in pages:
            with self.subTest(page=str(page.relative_to(self.site))):
                self.driver.get(page.as_uri())
                found = self.driver.execute_script(OVERFLOW_SCRIPT, SCROLLERS)
                self.assertLessEqual(found["page"], found["width"], f"the page scrolls sideways: {found['wide']}")
                self.assertEqual(found["wide"], [])
                self.assertEqual(found["clipped"], [])


if __name__ == "__main__":
    unittest.main()
