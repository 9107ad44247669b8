"""Archived files (PDFs, open-data files) sent as files, after a view has checked they may be
seen (issue 24).

One function, ``stored_file_response``, answers for every way MIP is run:

- every response carries the file's SHA-256 as its ``ETag`` and a ``Cache-Control`` (a
  numbered version never changes: a year, immutable; "the latest" is revalidated), and an
  ``If-None-Match`` naming it is answered 304 before the file is opened;
- on a shared disk under `make serve` (``MIP_X_ACCEL_REDIRECT``) the bytes are nginx's job: the
  view answers with ``X-Accel-Redirect`` and nginx sends the file with ranges and sendfile;
- on a shared disk without nginx (plain gunicorn, tests) the view sends the file itself and
  answers a single ``Range`` with 206. Django has no range support for views and the packages
  that add it are unmaintained; one range is what PDF viewers ask for, and RFC 9110 lets a
  server answer a multi-range request with the whole file, which is what happens here;
- on object storage (``MIP_ARCHIVE_STORAGE=s3``) the view redirects to a presigned URL valid
  for ``MIP_PRESIGNED_SECONDS``: the object store sends the bytes (ranges, its own ETag) and no
  app server thread is held for a 160 MB download.

The body is never compressed on the fly (mip.middleware.GZipTextMiddleware skips binaries).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db.models.fields.files import FieldFile
from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header

SINGLE_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "public, no-cache"


def stored_file_response(
    request: HttpRequest,
    stored: FieldFile,
    *,
    sha256: str,
    filename: str,
    content_type: str,
    immutable: bool,
    attachment: bool = False,
    stream: bool = True,
) -> HttpResponseBase:
    """The stored file, or 304, or a redirect to the object store; see the module docstring.
    ``stream=False`` for small files (open data): read at once, no file held open."""
    headers = HttpResponse(content_type=content_type)
    headers["ETag"] = f'"{sha256}"'
    headers["Cache-Control"] = IMMUTABLE if immutable else REVALIDATE
    headers["Content-Disposition"] = content_disposition_header(attachment, filename)
    conditional = get_conditional_response(request, etag=headers["ETag"], response=headers)
    if conditional is not headers:
        return conditional
    if not isinstance(stored.storage, FileSystemStorage):
        return _presigned_redirect(stored, filename, attachment)
    if settings.MIP_X_ACCEL_REDIRECT:
        headers["X-Accel-Redirect"] = settings.MIP_X_ACCEL_PREFIX + quote(stored.name)
        return headers
    return _file_or_range(request, stored, headers, stream)


def _presigned_redirect(stored: FieldFile, filename: str, attachment: bool) -> HttpResponseBase:
    """A short-lived URL on the object store that sends the file under its own name."""
    url = stored.storage.url(
        stored.name,
        parameters={"ResponseContentDisposition": content_disposition_header(attachment, filename)},
        expire=settings.MIP_PRESIGNED_SECONDS,
    )
    response = HttpResponseRedirect(url)
    response["Cache-Control"] = "private, no-store"  # the URL expires; never cache the redirect
    return response


def _file_or_range(request: HttpRequest, stored: FieldFile, headers: HttpResponse, stream: bool):
    size = stored.size
    wanted = _wanted_range(request, size, headers["ETag"])
    if wanted == "unsatisfiable":
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    handle = stored.storage.open(stored.name, "rb")
    start, end = wanted or (0, size - 1)
    content_type = headers["Content-Type"]
    if not stream:
        content = b"".join(_read(handle, start, end - start + 1))
        response = HttpResponse(content, content_type=content_type, status=206 if wanted else 200)
    elif wanted is None:
        response = FileResponse(handle, content_type=content_type)
    else:
        response = StreamingHttpResponse(
            _read(handle, start, end - start + 1), status=206, content_type=content_type
        )
    if wanted:
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    for name in ("ETag", "Cache-Control", "Content-Disposition"):
        response[name] = headers[name]
    response["Accept-Ranges"] = "bytes"
    return response


def _wanted_range(request: HttpRequest, size: int, etag: str):
    """(first, last) byte of one satisfiable range; None for the whole file; "unsatisfiable"."""
    asked = request.headers.get("Range", "").replace(" ", "")
    if_range = request.headers.get("If-Range")
    match = SINGLE_RANGE.match(asked)
    if not match or (if_range is not None and if_range != etag) or match.groups() == ("", ""):
        return None  # no range, several ranges, or the file changed since: the whole file
    first, last = match.groups()
    if first == "":  # the last N bytes
        start, end = max(size - int(last), 0), size - 1
    else:
        start, end = int(first), min(int(last), size - 1) if last else size - 1
    if start >= size or start > end:
        return "unsatisfiable"
    return start, end


def _read(handle, start: int, length: int) -> Iterator[bytes]:
    with handle:
        handle.seek(start)
        while length > 0:
            chunk = handle.read(min(CHUNK, length))
            if not chunk:
                return
            length -= len(chunk)
            yield chunk
