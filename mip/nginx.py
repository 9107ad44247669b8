"""The nginx configuration of `make serve`: deploy/nginx.conf filled from Django's settings.

Run by scripts/serve as ``python -m mip.nginx --listen HOST:PORT --upstream 127.0.0.1:PORT
--run DIR`` (prints the configuration). The paths, cookie names, languages and the security
headers of a page nginx sends by itself come from the same settings Django uses, so a prepared
page carries what Django would have sent with it.
"""

from __future__ import annotations

import argparse
import os
import pwd
from pathlib import Path

from django.conf import settings

TEMPLATE = Path(__file__).resolve().parent.parent / "deploy" / "nginx.conf"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
INDENT = " " * 12


def prepared_root() -> Path:
    """Where publication writes the prepared pages (the prepared-pages contract)."""
    default = os.environ.get("MIP_PREPARED_ROOT") or Path(settings.MEDIA_ROOT) / "prepared"
    return Path(getattr(settings, "MIP_PREPARED_ROOT", default))


def page_headers() -> dict[str, str]:
    """The headers Django's middleware puts on a public page, for the pages nginx sends."""
    from django.utils.csp import build_policy

    headers = {
        "Cache-Control": "no-cache",
        "Vary": "Cookie",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": settings.SECURE_REFERRER_POLICY,
        "Cross-Origin-Opener-Policy": settings.SECURE_CROSS_ORIGIN_OPENER_POLICY,
        "X-Frame-Options": settings.X_FRAME_OPTIONS,
        "Permissions-Policy": settings.PERMISSIONS_POLICY,
    }
    if settings.SECURE_CSP:
        headers["Content-Security-Policy"] = build_policy(settings.SECURE_CSP)  # no nonce
    return {name: value for name, value in headers.items() if value}


def render(listen: str, upstream: str, run: Path, *, access_log: str = "off") -> str:
    """The configuration text for nginx listening on ``listen`` in front of ``upstream``."""
    lines = [f'{INDENT}add_header {k} "{v}";' for k, v in page_headers().items()]
    languages = [f"        {code} {code};" for code, _name in settings.LANGUAGES]
    brotli = BROTLI_MODULE.exists()
    values = {
        # Only root may switch users: the workers run as the user who started `make serve`,
        # with exactly gunicorn's rights to the files.
        "USER": f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else "",
        "WORKERS": os.environ.get("NGINX_WORKERS", "auto"),
        "RUN": str(run),
        "LOAD_BROTLI": f"load_module {BROTLI_MODULE};" if brotli else "",
        "BROTLI_STATIC": "brotli_static on;" if brotli else "",
        "ACCESS_LOG": access_log,
        "UPSTREAM": upstream,
        "LISTEN": listen,
        "LANGUAGE_COOKIE": settings.LANGUAGE_COOKIE_NAME,
        "LANGUAGE_CODE": settings.LANGUAGE_CODE,
        "LANGUAGE_MAP": "\n".join(languages),
        "SESSION_COOKIE": settings.SESSION_COOKIE_NAME,
        "PREPARED_ROOT": str(prepared_root()),
        "STATIC_ROOT": str(settings.STATIC_ROOT),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PAGE_HEADERS": "\n".join(lines),
    }
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--listen", required=True)
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--run", required=True, type=Path)
    parser.add_argument("--access-log", default="off")
    args = parser.parse_args()
    print(render(args.listen, args.upstream, args.run, access_log=args.access_log), end="")


if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mip.settings")
    django.setup()
    main()
