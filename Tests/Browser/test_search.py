"""Site search in a real headless Chromium: builds a small fixture site with sitegen, serves it from a
sub-path with `python3 -m http.server`, and types into the search box.

Run by scripts/test.sh after `swift test` (SITEGEN is the sitegen binary; without it the test builds one).
Needs Debian's chromium and chromium-driver and PyPI's selenium (`scripts/install-deps.sh --test`).
"""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

REPO = Path(__file__).resolve().parents[2]

# Fixture notes, written for this test.
NOTES = {
    "训练技巧/batchnorm.md": """---
title: 批归一化 BatchNorm
---
## 它做了什么

把每个通道减去 mini-batch 的均值、除以标准差，再乘一个可学的缩放、加一个可学的偏移 $\\gamma \\hat{x} + \\beta$。

## 训练和推理为什么不一样

训练时统计量来自当前这一批样本；推理时样本可能只有一个，于是改用训练中累计的滑动平均。

## 小批量时怎么办

批太小时均值和方差都很抖，可以换成按样本计算的层归一化。

```python
model.eval()  # 推理时用滑动平均
```
""",
    "训练技巧/dropout.md": """---
title: Dropout 随机失活
---
## 训练时

每个隐藏单元以概率 p 被临时关掉，剩下的输出除以 1-p，期望保持不变。

## 为什么能减轻过拟合

相当于同时训练很多共享参数的子网络，推理时取它们的平均。
""",
    "基础/梯度消失.md": """# 梯度消失

## 从链式法则看

反向传播时每一层都要乘上激活函数的导数；导数小于一，层数一多，乘积就趋近于零。

## 怎么缓解

换用导数不饱和的激活函数、加残差连接，或者在每层之后做归一化。
""",
    "基础/sigmoid.md": """---
title: Sigmoid 函数
---
Sigmoid 把任意实数压到零和一之间，常用在二分类的输出层。

## 导数

它的导数最大只有四分之一，所以深层网络里用它容易让梯度越传越小。
""",
}

SUB = "notes-site"  # the site is served from http://127.0.0.1:PORT/notes-site/


def sitegen_binary():
    if os.environ.get("SITEGEN"):
        return os.environ["SITEGEN"]
    subprocess.run(["swift", "build", "--product", "sitegen"], cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    bin_path = subprocess.run(["swift", "build", "--show-bin-path"], cwd=REPO, check=True,
                              capture_output=True, text=True).stdout.strip()
    return os.path.join(bin_path, "sitegen")

def headless_chromium(width=1200, height=900, *flags):
    """Debian's chromium, headless, through chromedriver, with a window of width × height CSS pixels."""
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},{height}", *flags):
        options.add_argument(flag)
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    if width < 500:
        # Chromium's windows are at least 500 px wide: a phone's width needs the device metrics set.
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True})
    return driver


def free_port():
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SearchInBrowserTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = Path(tempfile.mkdtemp(prefix="sitegen-browser-"))
        notes = cls.work / "notes"
        for path, text in NOTES.items():
            (notes / path).parent.mkdir(parents=True, exist_ok=True)
            (notes / path).write_text(text, encoding="utf-8")
        cls.site = cls.work / "www" / SUB
        cls.site.parent.mkdir(parents=True)
        subprocess.run([sitegen_binary(), "build", "-q", "--notes", str(notes), "--templates", str(REPO / "templates"),
                        "--out", str(cls.site)], cwd=cls.work, check=True)

        cls.port = free_port()
        cls.server = subprocess.Popen([sys.executable, "-m", "http.server", str(cls.port), "--bind", "127.0.0.1"],
                                      cwd=cls.work / "www", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cls.base = f"http://127.0.0.1:{cls.port}/{SUB}/"
        deadline = time.time() + 10
        while True:
            try:
                urllib.request.urlopen(cls.base, timeout=1).close()
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.1)

        cls.driver = headless_chromium()
        cls.driver.set_page_load_timeout(20)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.server.terminate()
        cls.server.wait(timeout=10)
        shutil.rmtree(cls.work, ignore_errors=True)

    def open(self, path=""):
        self.driver.get(self.base + urllib.parse.quote(path))

    def search(self, query):
        """Types query into the header box and returns the result links once they are shown."""
        box = self.driver.find_element(By.CSS_SELECTOR, ".site-search-input")
        box.clear()
        box.send_keys(query)
        panel = self.driver.find_element(By.CSS_SELECTOR, ".site-search-results")
        WebDriverWait(self.driver, 10).until(
            lambda d: panel.is_displayed() and panel.get_attribute("data-query") == query)
        return panel.find_elements(By.CSS_SELECTOR, "a.site-search-hit")

    def path_of(self, href):
        return urllib.parse.unquote(urllib.parse.urlsplit(href).path)

    def test_chinese_query_finds_the_batchnorm_page_first(self):
        self.open("基础/梯度消失/")  # two folders deep: the script finds the index from here
        hits = self.search("批归一化")
        self.assertTrue(hits, "no results")
        self.assertEqual(self.path_of(hits[0].get_attribute("href")), f"/{SUB}/训练技巧/batchnorm/")
        self.assertIn("<mark>批归一化</mark>", hits[0].get_attribute("innerHTML"))

    def test_alias_finds_the_same_page(self):
        self.open()
        hits = self.search("BN")
        self.assertTrue(hits, "no results")
        self.assertEqual(self.path_of(hits[0].get_attribute("href")), f"/{SUB}/训练技巧/batchnorm/")

    def test_one_character_query(self):
        self.open()
        paths = [self.path_of(h.get_attribute("href")) for h in self.search("梯")]
        self.assertIn(f"/{SUB}/基础/梯度消失/", paths)

    def test_hit_in_a_section_links_to_its_anchor_and_highlights_it(self):
        self.open()
        hits = self.search("滑动平均")
        self.assertTrue(hits, "no results")
        href = hits[0].get_attribute("href")
        self.assertEqual(urllib.parse.unquote(urllib.parse.urlsplit(href).fragment), "训练和推理为什么不一样")
        self.assertIn("<mark>滑动平均</mark>", hits[0].get_attribute("innerHTML"))

    def test_enter_opens_the_first_result_at_its_anchor(self):
        self.open("训练技巧/dropout/")
        self.search("滑动平均")
        self.driver.find_element(By.CSS_SELECTOR, ".site-search-input").send_keys(Keys.ENTER)
        WebDriverWait(self.driver, 10).until(lambda d: "batchnorm" in d.current_url)
        url = urllib.parse.urlsplit(self.driver.current_url)
        self.assertEqual(urllib.parse.unquote(url.path), f"/{SUB}/训练技巧/batchnorm/")
        self.assertEqual(urllib.parse.unquote(url.fragment), "训练和推理为什么不一样")
        self.assertTrue(self.driver.execute_script("return document.getElementById(arguments[0]) !== null",
                                                   "训练和推理为什么不一样"))

    def test_arrow_keys_choose_the_result_enter_opens(self):
        self.open()
        hits = self.search("梯度")
        self.assertGreaterEqual(len(hits), 2, "need two results to move between")
        links = self.driver.find_elements(By.CSS_SELECTOR, ".site-search-results a")
        box = self.driver.find_element(By.CSS_SELECTOR, ".site-search-input")
        box.send_keys(Keys.ARROW_DOWN, Keys.ARROW_DOWN)
        self.assertEqual(links[1].get_attribute("aria-selected"), "true")
        self.assertEqual(links[0].get_attribute("aria-selected"), "false")
        target = self.path_of(links[1].get_attribute("href"))
        box.send_keys(Keys.ENTER)
        WebDriverWait(self.driver, 10).until(lambda d: self.path_of(d.current_url) == target)

    def test_slash_focuses_the_search_box(self):
        self.open("基础/sigmoid/")
        self.driver.find_element(By.TAG_NAME, "body").send_keys("/")
        focused = self.driver.execute_script("return document.activeElement.className")
        self.assertEqual(focused, "site-search-input")

    def test_header_leads_to_topic_pages_that_link_to_sections(self):
        self.open("基础/sigmoid/")
        self.driver.find_element(By.CSS_SELECTOR, ".site-nav a[href$='topics/']").click()
        WebDriverWait(self.driver, 10).until(lambda d: self.path_of(d.current_url) == f"/{SUB}/topics/")
        self.driver.find_element(By.LINK_TEXT, "BatchNorm").click()
        WebDriverWait(self.driver, 10).until(lambda d: self.path_of(d.current_url) == f"/{SUB}/topics/batchnorm/")
        sections = [self.path_of(a.get_attribute("href")) + "#" + urllib.parse.unquote(urllib.parse.urlsplit(a.get_attribute("href")).fragment)
                    for a in self.driver.find_elements(By.CSS_SELECTOR, ".topic-section-link")]
        self.assertIn(f"/{SUB}/训练技巧/batchnorm/#", sections)
        # 梯度消失's "怎么缓解" says 归一化 only once: that note is not on BatchNorm.
        self.assertFalse(any("梯度消失" in s for s in sections))

    def test_first_mention_links_to_the_topic_page(self):
        self.open("基础/梯度消失/")
        links = self.driver.find_elements(By.CSS_SELECTOR, ".note-body a.topic-link")
        targets = [self.path_of(a.get_attribute("href")) for a in links]
        # 激活函数 is named in both sections: linked once in each; 反向传播 only in the first.
        self.assertEqual(targets.count(f"/{SUB}/topics/激活函数/"), 2)
        self.assertEqual(targets.count(f"/{SUB}/topics/反向传播/"), 1)
        self.assertEqual(self.driver.find_elements(By.CSS_SELECTOR, "h2 a.topic-link"), [])

    def test_from_disk_it_says_search_needs_a_server(self):
        self.driver.get((self.site / "index.html").as_uri())
        self.search("dropout")
        note = self.driver.find_element(By.CSS_SELECTOR, ".site-search-results .site-search-note")
        self.assertIn("python3 -m http.server", note.text)

    # Not search, but this site is at hand: code highlighted at build time is coloured by the theme, in
    # light and dark mode, without any script.
    def test_highlighted_code_has_coloured_tokens_in_light_and_dark(self):
        self.open("训练技巧/batchnorm/")
        comment = self.driver.find_element(By.CSS_SELECTOR, "pre.highlighted .token.comment")
        self.assertIn("推理时用滑动平均", comment.text)
        colour = lambda el: self.driver.execute_script("return getComputedStyle(arguments[0]).color", el)
        plain = self.driver.find_element(By.CSS_SELECTOR, "pre.highlighted code")
        light = colour(comment)
        self.assertNotEqual(light, colour(plain))
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                                    {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
        try:
            self.assertNotEqual(colour(comment), light)
        finally:
            self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


if __name__ == "__main__":
    unittest.main()
