"""Navigation and the light/dark toggle of the default theme in a real headless Chromium, on the notes/ site
opened from disk: the sidebar beside the page at 1280 px and as a drawer at 390 px, the table of contents
marking the section in view, and the toggle, remembered across a reload.

Run by scripts/test.sh after `swift test` (SITEGEN is the sitegen binary; without it the test builds one).
Needs Debian's chromium and chromium-driver and PyPI's selenium (`scripts/install-deps.sh --test`).
"""

import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from test_search import REPO, headless_chromium, sitegen_binary

NOTE = "基础/激活函数/index.html"
BACKGROUND = "return getComputedStyle(document.body).backgroundColor"


def luminance(css_colour):
    """0–255 average of an `rgb(r, g, b)` colour."""
    parts = css_colour[css_colour.index("(") + 1:css_colour.index(")")].split(",")
    return sum(float(p) for p in parts[:3]) / 3


class NavigationTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = Path(tempfile.mkdtemp(prefix="sitegen-nav-"))
        cls.site = cls.work / "site"
        subprocess.run([sitegen_binary(), "build", "-q", "--notes", str(REPO / "notes"), "--templates",
                        str(REPO / "templates"), "--out", str(cls.site)], cwd=cls.work, check=True)
        cls.wide = headless_chromium(1280, 900)
        cls.phone = headless_chromium(390, 844, "--hide-scrollbars")
        for driver in (cls.wide, cls.phone):
            driver.set_page_load_timeout(20)

    @classmethod
    def tearDownClass(cls):
        cls.wide.quit()
        cls.phone.quit()
        shutil.rmtree(cls.work, ignore_errors=True)

    def open(self, driver, path=NOTE):
        driver.get((self.site / path).as_uri())
        driver.execute_script("localStorage.clear()")
        driver.get((self.site / path).as_uri())

    def test_sidebar_is_beside_the_page_on_a_wide_screen_with_the_page_marked(self):
        self.open(self.wide)
        sidebar = self.wide.find_element(By.ID, "site-sidebar")
        self.assertTrue(sidebar.is_displayed())
        self.assertFalse(self.wide.find_element(By.CSS_SELECTOR, ".nav-toggle-button").is_displayed())
        current = sidebar.find_element(By.CSS_SELECTOR, 'a[aria-current="page"]')
        self.assertTrue(current.is_displayed())
        self.assertIn("激活函数", current.text)
        main = self.wide.find_element(By.ID, "main")
        self.assertLessEqual(sidebar.rect["x"] + sidebar.rect["width"], main.rect["x"] + 1, "the sidebar overlaps the page")
        # The other sections are folded: their notes are not shown.
        folded = sidebar.find_elements(By.CSS_SELECTOR, "details:not([open]) .sidebar-notes a")
        self.assertTrue(folded and not any(a.is_displayed() for a in folded))

    def test_toc_marks_the_section_in_view(self):
        self.open(self.wide)
        links = self.wide.find_elements(By.CSS_SELECTOR, ".toc-sidebar .toc a")
        self.assertGreater(len(links), 2)
        last = links[-1]
        target = last.get_attribute("href").split("#", 1)[1]
        self.wide.execute_script("document.getElementById(decodeURIComponent(arguments[0])).scrollIntoView()", target)
        WebDriverWait(self.wide, 5).until(lambda d: last.get_attribute("aria-current") == "location")
        self.assertEqual(len(self.wide.find_elements(By.CSS_SELECTOR, '.toc-sidebar a[aria-current="location"]')), 1)

    def test_dark_toggle_works_and_is_remembered_across_a_reload(self):
        driver = self.wide
        self.open(driver)
        light = luminance(driver.execute_script(BACKGROUND))
        self.assertGreater(light, 128, "headless Chromium's system scheme is light")
        toggle = driver.find_element(By.CSS_SELECTOR, ".theme-toggle")
        self.assertTrue(toggle.is_displayed())
        self.assertEqual(toggle.get_attribute("aria-pressed"), "false")
        toggle.click()
        self.assertLess(luminance(driver.execute_script(BACKGROUND)), 64)
        self.assertEqual(toggle.get_attribute("aria-pressed"), "true")
        driver.refresh()
        self.assertEqual(driver.execute_script("return document.documentElement.dataset.theme"), "dark")
        self.assertLess(luminance(driver.execute_script(BACKGROUND)), 64)
        # Choosing what the system shows forgets the choice: the page follows the system again.
        driver.find_element(By.CSS_SELECTOR, ".theme-toggle").click()
        self.assertGreater(luminance(driver.execute_script(BACKGROUND)), 128)
        self.assertIsNone(driver.execute_script("return localStorage.getItem('sitegen-theme')"))

    def test_code_tokens_and_formulas_follow_the_toggle(self):
        driver = self.wide
        self.open(driver, "训练技巧/批归一化/index.html")
        colour = lambda selector: driver.execute_script(
            "return getComputedStyle(document.querySelector(arguments[0])).color", selector)
        token, formula = colour("pre.highlighted .token"), colour(".katex")
        driver.find_element(By.CSS_SELECTOR, ".theme-toggle").click()
        self.assertNotEqual(colour("pre.highlighted .token"), token)
        self.assertGreater(luminance(colour(".katex")), luminance(formula))
        driver.execute_script("localStorage.clear()")

    def test_a_light_choice_on_a_dark_system_is_remembered(self):
        driver = self.wide
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
        try:
            self.open(driver)
            self.assertLess(luminance(driver.execute_script(BACKGROUND)), 64)
            driver.find_element(By.CSS_SELECTOR, ".theme-toggle").click()
            driver.refresh()
            self.assertGreater(luminance(driver.execute_script(BACKGROUND)), 128)
        finally:
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
            driver.execute_script("localStorage.clear()")

    def test_drawer_opens_on_a_phone_and_nothing_scrolls_sideways(self):
        driver = self.phone
        self.open(driver)
        sidebar = driver.find_element(By.ID, "site-sidebar")
        self.assertFalse(sidebar.is_displayed(), "the drawer starts closed")
        width = driver.execute_script("return document.documentElement.clientWidth")
        self.assertLessEqual(driver.execute_script("return document.documentElement.scrollWidth"), width)
        driver.find_element(By.CSS_SELECTOR, ".nav-toggle-button").click()
        WebDriverWait(driver, 5).until(lambda d: sidebar.is_displayed() and sidebar.rect["x"] >= -1)
        self.assertLessEqual(sidebar.rect["x"] + sidebar.rect["width"], width + 1)
        current = sidebar.find_element(By.CSS_SELECTOR, 'a[aria-current="page"]')
        self.assertTrue(current.is_displayed())
        self.assertLessEqual(driver.execute_script("return document.documentElement.scrollWidth"), width)
        # Escape closes it (nav.js); the checkbox behind the button is closed again.
        driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
        WebDriverWait(driver, 5).until(lambda d: not sidebar.is_displayed())
        self.assertFalse(driver.find_element(By.ID, "site-nav-toggle").is_selected())

    def test_drawer_opens_without_javascript(self):
        driver = self.phone
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
        try:
            driver.get((self.site / NOTE).as_uri())
            sidebar = driver.find_element(By.ID, "site-sidebar")
            driver.find_element(By.CSS_SELECTOR, ".nav-toggle-button").click()
            WebDriverWait(driver, 5).until(lambda d: sidebar.is_displayed() and sidebar.rect["x"] >= -1)
        finally:
            driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


if __name__ == "__main__":
    unittest.main()
