"""A small HTTP client for the soak run: cookies, CSRF tokens, no redirects followed, and no
exception for an error status (the status is what the soak counts)."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@dataclass
class Reply:
    status: int
    location: str
    text: str


class Client:
    def __init__(self, base: str, timeout: float = 60) -> None:
        self.base, self.timeout = base.rstrip("/"), timeout
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect
        )

    def send(
        self,
        method: str,
        path: str,
        data: list[tuple[str, str]] | dict | None = None,
        query: dict | None = None,
    ) -> Reply:
        """One request; raises OSError only when the server cannot be reached."""
        url = self.base + path + ("?" + urllib.parse.urlencode(query) if query else "")
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, method=method)
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                text = response.read().decode("utf-8", "replace")
                return Reply(response.status, response.headers.get("Location", ""), text)
        except urllib.error.HTTPError as error:
            text = error.read().decode("utf-8", "replace")
            return Reply(error.code, error.headers.get("Location", "") or "", text)

    def token(self, path: str) -> str:
        match = _CSRF.search(self.send("GET", path).text)
        return match.group(1) if match else ""

    def login(self, email: str, password: str) -> bool:
        data = {"email": email, "password": password, "csrf_token": self.token("/login")}
        return self.send("POST", "/login", data).status == 302
