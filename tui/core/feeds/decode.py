"""Content-Encoding decoders that hand out output in bounded pieces.

httpx decodes a whole network chunk at once, so 64 KiB of gzip can become 64 MiB before a
size check runs. These decoders never produce more than :data:`PIECE` bytes per step, letting
the fetcher stop a compression bomb at its size cap.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

PIECE = 64 * 1024

try:  # brotli is optional in httpx; bounded output needs brotli >= 1.2 (output_buffer_limit)
    import brotli

    brotli.Decompressor().process(b"", output_buffer_limit=PIECE)
    _BROTLI_BOUNDED = True
except (ImportError, TypeError, AttributeError):  # pragma: no cover - depends on the install
    _BROTLI_BOUNDED = False

# Only advertise encodings we can decode with bounded output.
ACCEPT_ENCODING = "gzip, deflate, br" if _BROTLI_BOUNDED else "gzip, deflate"


class DecodeError(Exception):
    """A response body that does not decode with its declared Content-Encoding."""


class _Identity:
    def feed(self, data: bytes) -> Iterator[bytes]:
        if data:
            yield data

    def finish(self) -> Iterator[bytes]:
        return iter(())


class _Zlib:
    """gzip (with multiple members) or deflate (zlib-wrapped or raw, as servers disagree)."""

    def __init__(self, gzip: bool) -> None:
        self._gzip = gzip
        self._wbits = 16 + zlib.MAX_WBITS if gzip else 0  # 0: chosen from the first bytes
        self._d: zlib._Decompress | None = zlib.decompressobj(self._wbits) if gzip else None
        self._done = False

    def _start_deflate(self, data: bytes) -> None:
        # A zlib header is CMF FLG with CM=8 and the pair a multiple of 31; otherwise raw deflate.
        zlib_header = len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0
        self._wbits = zlib.MAX_WBITS if zlib_header else -zlib.MAX_WBITS
        self._d = zlib.decompressobj(self._wbits)

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self._done or not data:
            return
        if self._d is None:
            self._start_deflate(data)
        d = self._d
        assert d is not None
        while True:
            try:
                out = d.decompress(data, PIECE)
            except zlib.error as e:
                raise DecodeError(str(e)) from None
            if out:
                yield out
            if d.eof:
                rest = d.unused_data
                if self._gzip and rest[:2] == b"\x1f\x8b":
                    d = self._d = zlib.decompressobj(self._wbits)
                    data = rest
                    continue
                self._done = True  # trailing bytes after the stream are ignored, as browsers do
                return
            data = d.unconsumed_tail
            # A full piece may leave output inside zlib even when all input is consumed.
            if not data and len(out) < PIECE:
                return

    def finish(self) -> Iterator[bytes]:
        if self._d is not None and not self._done:
            try:
                tail = self._d.flush()
            except zlib.error as e:  # pragma: no cover - flush after bounded draining rarely fails
                raise DecodeError(str(e)) from None
            if tail:
                yield tail


class _Brotli:
    def __init__(self) -> None:
        self._d = brotli.Decompressor()

    def feed(self, data: bytes) -> Iterator[bytes]:
        try:
            out = self._d.process(data, output_buffer_limit=PIECE)
            if out:
                yield out
            # Output beyond the limit stays buffered: drain it before accepting more input.
            while out and not self._d.is_finished():
                out = self._d.process(b"", output_buffer_limit=PIECE)
                if out:
                    yield out
        except brotli.error as e:
            raise DecodeError(str(e)) from None

    def finish(self) -> Iterator[bytes]:
        return iter(())


def make_decoder(content_encoding: str | None) -> _Identity | _Zlib | _Brotli:
    """A decoder for one Content-Encoding header value; :class:`DecodeError` if unsupported."""
    codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if not codings:
        return _Identity()
    if len(codings) > 1:
        raise DecodeError(f"stacked content encodings are not supported ({', '.join(codings[:3])})")
    coding = codings[0]
    if coding in ("gzip", "x-gzip"):
        return _Zlib(gzip=True)
    if coding == "deflate":
        return _Zlib(gzip=False)
    if coding == "br" and _BROTLI_BOUNDED:
        return _Brotli()
    raise DecodeError(f"unsupported content encoding {coding[:20]!r}")
