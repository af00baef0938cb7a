"""Local preview: build the site, serve it on 127.0.0.1, and rebuild when `criteria/`, `docs/` or
`mkdocs.yml` change. A failed build prints its located errors and the last good site stays served.

    python -m checker.build.site.serve [--port N]      (scripts/serve; PORT=N works too)
"""
from __future__ import annotations

import argparse
import errno
import http.server
import os
import shutil
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
WATCHED = ("criteria", "docs", "mkdocs.yml")
SITE = os.path.abspath(os.environ.get("SITE_DIR", os.path.join(ROOT, "site")))   # SITE_DIR: elsewhere


def snapshot() -> dict[str, float]:
    """Modification times of every watched file (polling: no extra dependency, fine for a few hundred)."""
    out = {}
    for name in WATCHED:
        path = os.path.join(ROOT, name)
        if os.path.isfile(path):
            out[path] = os.stat(path).st_mtime
        for folder, dirs, files in os.walk(path):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for file in files:
                full = os.path.join(folder, file)
                try:
                    out[full] = os.stat(full).st_mtime
                except OSError:
                    pass
    return out


def build(out=sys.stderr) -> bool:
    """Build into a fresh folder and swap it in only when the build succeeded."""
    fresh = SITE + ".new"
    shutil.rmtree(fresh, ignore_errors=True)
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", fresh],
                          cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True,
                          text=True)
    if proc.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        print(f"\n✗ сборка не удалась — показываю последнюю удачную версию сайта:\n"
              f"{(proc.stderr or proc.stdout).strip()}\n", file=out, flush=True)
        return False
    old = SITE + ".old"
    shutil.rmtree(old, ignore_errors=True)
    if os.path.exists(SITE):
        os.rename(SITE, old)
    os.rename(fresh, SITE)
    shutil.rmtree(old, ignore_errors=True)
    print(f"✓ сайт собран за {time.monotonic() - started:.1f} с", file=out, flush=True)
    return True


class _Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=SITE, **kwargs)

    def log_message(self, *args):
        pass


def serve(port: int) -> http.server.ThreadingHTTPServer:
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), _Handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise SystemExit(f"Порт {port} занят другой программой. Запустите предпросмотр на другом порту: "
                             f"PORT={port + 1} scripts/serve") from None
        raise SystemExit(f"Не удалось открыть порт {port}: {exc.strerror}. Укажите другой: PORT=… scripts/serve") \
            from None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between looks for changes")
    args = parser.parse_args(argv)
    server = serve(args.port)          # the port first: a busy port is said at once, before a long build
    seen = snapshot()
    if not build() and not os.path.exists(SITE):
        print("Пока нечего показать: исправьте ошибку выше, предпросмотр пересоберёт сайт сам.", file=sys.stderr)
    print(f"» http://127.0.0.1:{args.port}/ — правки в criteria/ и docs/ пересобираются сами "
          f"(обновите страницу); Ctrl+C — выход", file=sys.stderr, flush=True)
    try:
        while True:
            time.sleep(args.interval)
            now = snapshot()
            if now != seen:
                changed = sorted({p for p in set(now) | set(seen) if now.get(p) != seen.get(p)})
                print("» изменено: " + ", ".join(os.path.relpath(p, ROOT) for p in changed[:5])
                      + (" …" if len(changed) > 5 else ""), file=sys.stderr, flush=True)
                seen = now
                build()
                seen = snapshot()
    except KeyboardInterrupt:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
