"""Code blocks get a copy button, and the 404 page is styled from disk and when served at a missing path:
in a real headless Chromium, on a small fixture site written for this test.

Run by scripts/test.sh after `swift test` (SITEGEN is the sitegen binary; without it the test builds one).
Needs Debian's chromium and chromium-driver and PyPI's selenium (`scripts/install-deps.sh --test`).
"""

import functools
import http.server
import shutil
import subprocess
import tempfile
import threading
import unittest
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_search import REPO, free_port, headless_chromium, sitegen_binary

NOTES = {
    "代码/复制.md": """# 复制代码

先看一段带语言的代码：

```python
def relu(x):
    return max(0.0, x)
```

再看一段没有语言的：

```
pip install numpy
```
""",
}

# Replaces the clipboard, which headless Chromium may refuse, by a recorder of what the page copies.
RECORD_CLIPBOARD = """
window.copiedTexts = [];
Object.defineProperty(navigator, "clipboard", {value: {writeText: t => { window.copiedTexts.push(t); return Promise.resolve(); }}});
Object.defineProperty(window, "isSecureContext", {value: true});
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class CodeCopyAndNotFoundTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = Path(tempfile.mkdtemp(prefix="sitegen-copy-"))
        for path, text in NOTES.items():
            (cls.work / "notes" / path).parent.mkdir(parents=True, exist_ok=True)
            (cls.work / "notes" / path).write_text(text, encoding="utf-8")
        cls.site = cls.work / "site"
        subprocess.run([sitegen_binary(), "build", "-q", "--notes", str(cls.work / "notes"), "--templates",
                        str(REPO / "templates"), "--out", str(cls.site)], cwd=cls.work, check=True)
        cls.driver = headless_chromium(1280, 900)
        cls.driver.set_page_load_timeout(20)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        shutil.rmtree(cls.work, ignore_errors=True)

    def test_each_code_block_has_a_copy_button_that_copies_its_code(self):
        self.driver.get((self.site / "代码" / "复制" / "index.html").as_uri())
        buttons = self.driver.find_elements(By.CSS_SELECTOR, ".code-block > button.code-copy")
        self.assertEqual(len(buttons), 2)
        self.assertEqual([b.get_attribute("aria-label") for b in buttons], ["复制 python 代码", "复制代码"])
        self.driver.execute_script(RECORD_CLIPBOARD)
        for button in buttons:
            self.driver.execute_script("arguments[0].click()", button)
        WebDriverWait(self.driver, 5).until(lambda d: d.execute_script("return window.copiedTexts.length") == 2)
        copied = self.driver.execute_script("return window.copiedTexts")
        self.assertEqual(copied, ["def relu(x):\n    return max(0.0, x)", "pip install numpy"])
        self.assertEqual(buttons[0].text, "已复制")
        status = self.driver.find_element(By.CSS_SELECTOR, ".code-block > [role=status]")
        self.assertEqual(status.get_attribute("textContent"), "已复制")

    def test_not_found_page_is_styled_from_disk(self):
        self.driver.get((self.site / "404.html").as_uri())
        self.assert_styled()
        home = self.driver.find_element(By.CSS_SELECTOR, ".not-found a.button").get_attribute("href")
        self.assertEqual(home, self.site.as_uri() + "/")

    def test_not_found_page_is_styled_at_a_missing_path(self):
        # A host serves 404.html at whatever path was missing: here a copy at a nested path.
        missing = self.site / "some" / "missing" / "page.html"
        missing.parent.mkdir(parents=True)
        shutil.copy(self.site / "404.html", missing)
        port = free_port()
        handler = functools.partial(QuietHandler, directory=str(self.site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            self.driver.get(f"http://127.0.0.1:{port}/some/missing/page.html")
            self.assert_styled()
            home = self.driver.find_element(By.CSS_SELECTOR, ".not-found a.button").get_attribute("href")
            self.assertEqual(home, f"http://127.0.0.1:{port}/")
        finally:
            server.shutdown()
            server.server_close()

    def assert_styled(self):
        size = self.driver.execute_script(
            "return parseFloat(getComputedStyle(document.querySelector('.not-found-code')).fontSize)")
        self.assertGreater(size, 40, "the big 404 of the theme, not a paragraph in the browser's default style")
        self.assertEqual(self.driver.execute_script(
            "return getComputedStyle(document.querySelector('.not-found')).textAlign"), "center")


if __name__ == "__main__":
    unittest.main()
