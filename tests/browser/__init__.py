"""Browser tests: Playwright driving the system Chromium, with axe-core."""
