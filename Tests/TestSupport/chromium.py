"""Drives headless Chromium through the DevTools protocol, with nothing but the standard library: signs in to the
warehouse pages through their login form, loads pages and saves full-page screenshots.

    python3 chromium.py PLAN.json

PLAN.json: {"chromium": "/usr/bin/chromium", "base": "http://127.0.0.1:PORT", "key": "dg_…",
            "login": "/warehouse/login?next=/warehouse/EWR1/picks",
            "pages": [{"url": "/warehouse/EWR1/picks", "png": "/abs/picks.png"}, …],
            "width": 1280, "height": 900, "scale": 1, "timeout": 30}

A page may also fill a form and submit it, as a person would: {"url": …, "fill": {"p1.tracking": "1Z…", …},
"submit": "ship-form", "after": "/abs/after.png"}: each named field takes its value (a select's option by value), the
form is submitted, and the page it leads to is reported as the entry's "submitted" ({"finalURL", "title", "text"})
and saved to "after".

A page may also name a script to run once it has loaded, {"url": …, "evaluate": "JS expression"}: its value (JSON)
is reported as the entry's "evaluated" (the scorecard's plots read back from the rendered SVG).

Prints one JSON object: {"login": {"url": …}, "pages": [{"url", "finalURL", "title", "png", "width", "height"}]}.
Exits 2, saying why on standard error, when Chromium cannot be started or a page cannot be loaded.

Chromium is started with --remote-debugging-port=0 in a throwaway profile; the port it took is read from the
DevToolsActivePort file it writes there. The websocket client speaks just enough of RFC 6455: the upgrade
handshake, masked text frames out, text frames (possibly fragmented, 16- or 64-bit lengths) in, pings answered."""

import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request


class Failure(Exception):
    pass


class WebSocket:
    def __init__(self, url, timeout):
        parts = urllib.parse.urlparse(url)
        self.sock = socket.create_connection((parts.hostname, parts.port or 80), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        path = parts.path + ("?" + parts.query if parts.query else "")
        request = (
            "GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n" % (path, parts.hostname, parts.port, key)
        )
        self.sock.sendall(request.encode())
        self.buffer = b""
        while b"\r\n\r\n" not in self.buffer:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise Failure("the DevTools websocket closed during the handshake")
            self.buffer += chunk
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        status = head.split(b"\r\n", 1)[0]
        if b" 101 " not in status + b" ":
            raise Failure("the DevTools websocket refused the upgrade: %s" % status.decode(errors="replace"))

    def _read(self, count):
        while len(self.buffer) < count:
            chunk = self.sock.recv(max(65536, count - len(self.buffer)))
            if not chunk:
                raise Failure("the DevTools websocket closed")
            self.buffer += chunk
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def send(self, text, opcode=0x1):
        payload = text.encode() if isinstance(text, str) else text
        header = bytes([0x80 | opcode])
        length = len(payload)
        if length < 126:
            header += bytes([0x80 | length])
        elif length < 1 << 16:
            header += bytes([0x80 | 126]) + struct.pack("!H", length)
        else:
            header += bytes([0x80 | 127]) + struct.pack("!Q", length)
        mask = os.urandom(4)
        masked = bytes(byte ^ mask[index % 4] for index, byte in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def receive(self):
        """The next whole text message."""
        message = b""
        while True:
            first, second = self._read(2)
            final, opcode = first & 0x80, first & 0x0F
            length = second & 0x7F
            if length == 126:
                length = struct.unpack("!H", self._read(2))[0]
            elif length == 127:
                length = struct.unpack("!Q", self._read(8))[0]
            mask = self._read(4) if second & 0x80 else None
            payload = self._read(length)
            if mask:
                payload = bytes(byte ^ mask[index % 4] for index, byte in enumerate(payload))
            if opcode == 0x9:  # ping
                self.send(payload, opcode=0xA)
                continue
            if opcode == 0x8:
                raise Failure("the DevTools websocket was closed by Chromium")
            if opcode in (0x1, 0x2, 0x0):
                message += payload
                if final:
                    return message.decode()

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


class DevTools:
    def __init__(self, url, timeout):
        self.socket = WebSocket(url, timeout)
        self.timeout = timeout
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        ident = self.next_id
        self.socket.send(json.dumps({"id": ident, "method": method, "params": params}))
        deadline = time.time() + self.timeout
        while time.time() < deadline:
            message = json.loads(self.socket.receive())
            if message.get("id") == ident:
                if "error" in message:
                    raise Failure("%s failed: %s" % (method, message["error"]))
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)
        raise Failure("%s: no answer in %s s" % (method, self.timeout))

    def wait_for(self, event):
        deadline = time.time() + self.timeout
        while True:
            for index, message in enumerate(self.events):
                if message["method"] == event:
                    del self.events[index]
                    return message
            if time.time() > deadline:
                raise Failure("no %s in %s s" % (event, self.timeout))
            message = json.loads(self.socket.receive())
            if "method" in message:
                self.events.append(message)

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise Failure("script failed: %s" % result["exceptionDetails"].get("text"))
        return result.get("result", {}).get("value")

    def load(self, url):
        """Navigates and waits for the page's load event."""
        self.events = [message for message in self.events if message["method"] != "Page.loadEventFired"]
        result = self.call("Page.navigate", url=url)
        if result.get("errorText"):
            raise Failure("%s did not load: %s" % (url, result["errorText"]))
        self.wait_for("Page.loadEventFired")


def start(chromium, profile, width, height, timeout):
    arguments = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0",
        "--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
        "--disable-extensions", "--disable-background-networking", "--window-size=%d,%d" % (width, height),
        "about:blank",
    ]
    try:
        process = subprocess.Popen(
            arguments, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=open(os.path.join(profile, "chromium.log"), "wb"))
    except OSError as error:
        raise Failure("%s could not be started: %s" % (chromium, error))
    active = os.path.join(profile, "DevToolsActivePort")
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            log = open(os.path.join(profile, "chromium.log"), errors="replace").read()[-2000:]
            raise Failure("chromium exited with %s before it listened: %s" % (process.returncode, log))
        if os.path.exists(active):
            lines = open(active).read().split("\n")
            if len(lines) >= 2 and lines[0].strip().isdigit():
                return process, int(lines[0])
        time.sleep(0.05)
    process.kill()
    raise Failure("chromium wrote no DevToolsActivePort in %s s" % timeout)


def page_socket(port, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        with urllib.request.urlopen("http://127.0.0.1:%d/json/list" % port, timeout=timeout) as answer:
            targets = json.load(answer)
        for target in targets:
            if target.get("type") == "page" and target.get("webSocketDebuggerUrl"):
                return target["webSocketDebuggerUrl"]
        time.sleep(0.1)
    raise Failure("chromium offers no page to drive")


def screenshot(devtools, path):
    """The whole page, at the device scale factor the emulation set."""
    metrics = devtools.call("Page.getLayoutMetrics")
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    width, height = int(size["width"] + 0.5), int(size["height"] + 0.5)
    shot = devtools.call(
        "Page.captureScreenshot", format="png", captureBeyondViewport=True,
        clip={"x": 0, "y": 0, "width": width, "height": height, "scale": 1})
    with open(path, "wb") as file:
        file.write(base64.b64decode(shot["data"]))
    return width, height


def run(plan):
    timeout = plan.get("timeout", 30)
    width, height, scale = plan.get("width", 1280), plan.get("height", 900), plan.get("scale", 1)
    profile = tempfile.mkdtemp(prefix="dropgate-chromium-")
    process = None
    devtools = None
    try:
        process, port = start(plan.get("chromium", "chromium"), profile, width, height, timeout)
        devtools = DevTools(page_socket(port, timeout), timeout)
        devtools.call("Page.enable")
        devtools.call("Runtime.enable")
        devtools.call(
            "Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=scale, mobile=False)
        report = {"pages": []}
        if plan.get("login"):
            devtools.load(plan["base"] + plan["login"])
            # Types the key as a person would and submits the form; the answer's cookie signs the browser in.
            devtools.call("Page.enable")
            devtools.evaluate(
                "document.querySelector('input[name=key]').value = %s; "
                "document.getElementById('login-form').submit(); true" % json.dumps(plan["key"]))
            devtools.wait_for("Page.loadEventFired")
            report["login"] = {"url": devtools.evaluate("location.href")}
        for page in plan.get("pages", []):
            devtools.load(plan["base"] + page["url"])
            entry = {
                "url": page["url"], "finalURL": devtools.evaluate("location.href"),
                "title": devtools.evaluate("document.title"),
                "text": devtools.evaluate("document.body ? document.body.innerText : ''"),
                "minTarget": devtools.evaluate(
                    "Math.min(...Array.from(document.querySelectorAll('a.button, button, input:not([type=hidden]), "
                    "select')).map(e => Math.min(e.getBoundingClientRect().height, e.getBoundingClientRect().width)"
                    ").filter(h => h > 0), 9999)"),
                "fontSize": devtools.evaluate("parseFloat(getComputedStyle(document.body).fontSize)"),
            }
            if page.get("evaluate"):
                entry["evaluated"] = devtools.evaluate(page["evaluate"])
            if page.get("png"):
                entry["png"] = page["png"]
                entry["width"], entry["height"] = screenshot(devtools, page["png"])
            if page.get("submit"):
                filled = devtools.evaluate(
                    "(() => { const form = document.getElementById(%s); if (!form) return -1; let n = 0; "
                    "for (const [name, value] of Object.entries(%s)) { const field = form.elements.namedItem(name); "
                    "if (!field) return 'no field ' + name; field.value = value; n += 1; } return n; })()"
                    % (json.dumps(page["submit"]), json.dumps(page.get("fill", {}))))
                if filled == -1 or isinstance(filled, str):
                    raise Failure("%s: cannot fill form %s: %s" % (page["url"], page["submit"], filled))
                devtools.evaluate("document.getElementById(%s).submit(); true" % json.dumps(page["submit"]))
                devtools.wait_for("Page.loadEventFired")
                entry["submitted"] = {
                    "finalURL": devtools.evaluate("location.href"), "title": devtools.evaluate("document.title"),
                    "text": devtools.evaluate("document.body ? document.body.innerText : ''"),
                }
                if page.get("after"):
                    screenshot(devtools, page["after"])
            report["pages"].append(entry)
        try:
            devtools.call("Browser.close")
        except Failure:
            pass
        return report
    finally:
        if devtools:
            devtools.socket.close()
        if process and process.poll() is None:
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(profile, ignore_errors=True)


def main():
    try:
        plan = json.load(open(sys.argv[1]))
        print(json.dumps(run(plan)))
    except (Failure, OSError, ValueError, KeyError) as error:
        print("chromium.py: %s" % error, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
