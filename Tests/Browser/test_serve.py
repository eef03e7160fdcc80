"""`sitegen serve` in a real headless Chromium: edit a note with its page open and the page follows, math
typeset and scroll position kept; break the note and an overlay shows the error until it is fixed; Ctrl-C
stops the server and every process it started.

Run by scripts/test.sh after `swift test` (SITEGEN is the sitegen binary; without it the test builds one).
Needs Debian's chromium and chromium-driver and PyPI's selenium (`scripts/install-deps.sh --test`).
"""

import os
import select
import shutil
import signal
import subprocess
import tempfile
import time
import unittest
import urllib.parse
import urllib.request
from pathlib import Path

from selenium.common.exceptions import JavascriptException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_search import free_port, headless_chromium, sitegen_binary

# Fixture notes, written for this test. The filler paragraphs make the page long enough to scroll.
FILLER = "\n\n".join(f"第 {i} 段：这里反复说明同一件事，只为了让页面足够长，可以向下滚动。" for i in range(1, 60))
NOTE = """---
title: 交叉熵损失
---
## 定义

二分类时损失写成 $L = -y \\log p - (1-y) \\log (1-p)$，其中 $p$ 是模型给出的概率。

{paragraph}

$$
\\frac{{\\partial L}}{{\\partial z}} = p - y
$$

{filler}
"""
BROKEN = """---
title: 交叉: 熵损失
---
{paragraph}
"""
PAGE = "损失函数/交叉熵/"
BUILD_WAIT = 120  # seconds: a rebuild on a busy 2-core machine can be slow


def note_text(paragraph):
    return NOTE.format(paragraph=paragraph, filler=FILLER)


def wait_for_line(process, prefix, seconds):
    """The first line of the process's stdout that starts with prefix."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.5)
        if ready:
            line = process.stdout.readline()
            if line.startswith(prefix):
                return line
            if not line and process.poll() is not None:
                break
    raise AssertionError(f"sitegen serve printed no line starting with {prefix!r}")


def start_serve(project, port):
    """`sitegen serve` in its own process group, and the URL it says it serves at."""
    process = subprocess.Popen([sitegen_binary(), "serve", "--port", str(port)], cwd=project,
                               stdout=subprocess.PIPE, stderr=open(project / "serve.log", "w"), text=True,
                               start_new_session=True)
    line = wait_for_line(process, "Serving ", BUILD_WAIT)
    return process, line.split(" at ", 1)[1].split()[0]


def group_alive(pgid):
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False


class ServeInBrowserTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = Path(tempfile.mkdtemp(prefix="sitegen-serve-"))
        cls.note = cls.work / "notes" / "损失函数" / "交叉熵.md"
        cls.note.parent.mkdir(parents=True)
        cls.note.write_text(note_text("第一版：交叉熵衡量两个分布的差异。"), encoding="utf-8")
        (cls.work / "notes" / "索引.md").write_text("# 索引\n\n见 [交叉熵](损失函数/交叉熵.md)。\n", encoding="utf-8")
        cls.server, cls.url = start_serve(cls.work, free_port())

        cls.driver = headless_chromium()
        cls.driver.set_page_load_timeout(30)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        if cls.server.poll() is None:
            os.killpg(cls.server.pid, signal.SIGKILL)
            cls.server.wait(timeout=10)
        shutil.rmtree(cls.work, ignore_errors=True)

    def setUp(self):
        self.note.write_text(note_text("第一版：交叉熵衡量两个分布的差异。"), encoding="utf-8")
        self.driver.get(self.url + urllib.parse.quote(PAGE))
        self.wait_for_text("第一版")

    def wait_for_text(self, text):
        # The page may reload between finding <main> and reading it: read it in one script, and try again.
        WebDriverWait(self.driver, BUILD_WAIT, ignored_exceptions=(StaleElementReferenceException, JavascriptException)).until(
            lambda d: text in (d.execute_script("const m = document.querySelector('main'); return m ? m.innerText : ''") or ""))

    def overlay(self):
        return self.driver.find_elements(By.ID, "sitegen-overlay")

    def test_an_edit_reloads_the_page_with_math_typeset_and_the_scroll_kept(self):
        self.driver.execute_script("window.scrollTo(0, 600); window.sitegenTestMarker = 1;")
        WebDriverWait(self.driver, 10).until(lambda d: d.execute_script("return window.scrollY") >= 590)
        self.note.write_text(note_text("第二版：交叉熵等于负对数似然。"), encoding="utf-8")
        self.wait_for_text("第二版")
        # Reloaded by the server's message, not edited in place; math is typeset (KaTeX at build time,
        # or auto-render in the page where node is missing).
        self.assertIsNone(self.driver.execute_script("return window.sitegenTestMarker"))
        WebDriverWait(self.driver, 20).until(
            lambda d: d.execute_script("return document.querySelectorAll('main .katex').length") >= 3)
        self.assertEqual(self.driver.execute_script("return document.querySelectorAll('main .katex-display').length"), 1)
        WebDriverWait(self.driver, 10).until(lambda d: abs(d.execute_script("return window.scrollY") - 600) <= 40)
        self.assertFalse(self.overlay())

    def test_an_edit_of_another_note_leaves_the_open_page_alone(self):
        # The reload message names the pages that changed; this one did not.
        self.driver.execute_script("window.sitegenTestMarker = 2;")
        log = self.work / "serve.log"
        start = len(log.read_text(encoding="utf-8").splitlines())
        (self.work / "notes" / "索引.md").write_text("# 索引\n\n先看 [交叉熵](损失函数/交叉熵.md)。\n", encoding="utf-8")

        def rebuilt(_):
            lines = log.read_text(encoding="utf-8").splitlines()[start:]
            seen = next((i for i, line in enumerate(lines) if "索引.md" in line and " changed: " in line), None)
            return seen is not None and any("changed: built " in line for line in lines[seen:])
        WebDriverWait(self.driver, BUILD_WAIT).until(rebuilt)
        with urllib.request.urlopen(self.url + urllib.parse.quote("索引/")) as served:
            self.assertIn("先看", served.read().decode("utf-8"))
        time.sleep(0.5)  # a reload message would have come with the rebuild
        self.assertEqual(self.driver.execute_script("return window.sitegenTestMarker"), 2)

    def test_a_broken_note_shows_an_overlay_until_it_is_fixed(self):
        self.note.write_text(BROKEN.format(paragraph="坏掉的版本。"), encoding="utf-8")
        WebDriverWait(self.driver, BUILD_WAIT).until(lambda d: self.overlay() and self.overlay()[0].is_displayed())
        text = self.overlay()[0].text
        self.assertIn("notes/损失函数/交叉熵.md:2", text)
        self.assertIn("title: 交叉: 熵损失", text)  # the source line
        self.assertIn("error", text)
        # The last good page is still shown under it.
        self.assertIn("第一版", self.driver.find_element(By.TAG_NAME, "main").text)

        self.note.write_text(note_text("第三版：修好了。"), encoding="utf-8")
        self.wait_for_text("第三版")
        WebDriverWait(self.driver, 10).until(lambda d: not self.overlay())

    def test_the_built_files_have_no_reload_script(self):
        for path in (self.work / "public").rglob("*"):
            if path.is_file():
                self.assertNotIn(b"__sitegen", path.read_bytes(), path)
        with urllib.request.urlopen(self.url + urllib.parse.quote(PAGE)) as served:
            self.assertIn(b"/__sitegen/reload.js", served.read())


class ServeStopsTests(unittest.TestCase):
    def test_ctrl_c_stops_the_server_and_its_child_processes(self):
        work = Path(tempfile.mkdtemp(prefix="sitegen-serve-stop-"))
        try:
            note = work / "notes" / "公式.md"
            note.parent.mkdir(parents=True)
            note.write_text(note_text("第一版。"), encoding="utf-8")
            server, url = start_serve(work, free_port())
            events = urllib.request.urlopen(urllib.parse.urljoin(url, "/__sitegen/events"), timeout=10)
            self.assertEqual(events.readline(), b"event: hello\n")
            # A rebuild with new formulas starts node workers; stop while it may still be running.
            note.write_text(note_text("第二版 $a_{%d}$。" % time.time_ns()), encoding="utf-8")
            time.sleep(0.3)
            os.killpg(server.pid, signal.SIGINT)
            self.assertEqual(server.wait(timeout=30), 0)
            events.read()  # the event stream was ended, not cut (urllib raises IncompleteRead on a cut)
            deadline = time.time() + 10
            while group_alive(server.pid) and time.time() < deadline:
                time.sleep(0.1)
            self.assertFalse(group_alive(server.pid), "processes of sitegen serve still run after Ctrl-C")
        finally:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
