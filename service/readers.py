"""Files to text: Word (.docx), PDF and plain text in any common Chinese encoding.

Plain Python, used by the API (uploads and raw bodies) and the command line alike. Each reader
returns a Document: the text the engine reads (every offset of the answer indexes into it)
and where it came from. A file that cannot be read raises a ReadError whose ``status`` is
the HTTP status the API answers with (415, 422, 413 or 400) and whose message says why.

What the readers do not do: old binary Word (.doc), headers, footers, footnotes and text
boxes of a .docx, and scanned PDFs (no OCR: one without a text layer is refused as such).
"""

import codecs
import io
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field

TEXT = "text/plain"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
OCTET_STREAM = "application/octet-stream"  # "tell the type by the bytes"
TYPES = (TEXT, DOCX, PDF)
EXTENSIONS = {".txt": TEXT, ".text": TEXT, ".docx": DOCX, ".pdf": PDF}
# Types people send by mistake, with what to do instead.
_ADVICE = {
    "application/msword": "Old binary Word (.doc) is not read: save it as .docx.",
    "application/vnd.ms-excel": "Spreadsheets are not read: save the sheet as text or CSV.",
    "application/zip": "A zip archive is not read: send the report inside it.",
}
_MAGIC = ((b"%PDF-", PDF), (b"PK\x03\x04", DOCX), (b"\xd0\xcf\x11\xe0", "application/msword"))
# Byte order marks, longest first (UTF-32 LE starts with UTF-16 LE's).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Encodings detection may choose for a report that is not UTF-8: charset-normalizer proposes,
# and the likeliest Chinese text among its proposals wins (short GBK texts are otherwise
# often taken for UTF-16).
_DETECTABLE = ["gb18030", "big5", "utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be"]
_MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """How much a file may hold: its bytes, a .docx's unpacked parts, and the text read."""

    file_bytes: int = 10 * _MEGABYTE
    unpacked_bytes: int = 40 * _MEGABYTE
    text_bytes: int = _MEGABYTE

    @classmethod
    def of(cls, max_file_bytes, max_text_bytes):
        """The limits of the service's settings: a .docx may unpack to 4 × its file limit."""
        return cls(max_file_bytes, 4 * max_file_bytes, max_text_bytes)


@dataclass(frozen=True)
class Document:
    """The text read from a file, where it came from, and warnings about the reading."""

    text: str
    source: dict
    warnings: list = field(default_factory=list)


class ReadError(Exception):
    """A file that cannot be read; ``status`` is the HTTP status, the message says why."""

    status = 422
    kind: str | None = "unreadable-file"


class Unsupported(ReadError):
    status = 415
    kind = None


class TooLarge(ReadError):
    status = 413
    kind = None


class Undecodable(ReadError):
    """Text that is not valid in its declared charset, or in any charset detection tries."""

    status = 400
    kind = "undecodable-text"


# ---- which reader -----------------------------------------------------------------------------


def media_type(declared=None, filename=None, data=b""):
    """The type to read ``data`` as: the declared type, else by the file name, else by its bytes.

    ``declared`` None or application/octet-stream means "not told". Raises Unsupported.
    """
    if declared and declared != OCTET_STREAM:
        if declared in TYPES:
            return declared
        raise Unsupported(_ADVICE.get(declared, f"{declared} is not read; send {', '.join(TYPES)}."))
    if filename:
        suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
        if suffix in EXTENSIONS:
            return EXTENSIONS[suffix]
        if suffix == ".doc":
            raise Unsupported(_ADVICE["application/msword"])
    sniffed = next((kind for magic, kind in _MAGIC if data.startswith(magic)), TEXT)
    if sniffed not in TYPES:
        raise Unsupported(_ADVICE[sniffed])
    return sniffed


def read(data, declared=None, *, charset=None, filename=None, limits=Limits()):
    """``data`` (bytes of a file) as a Document, read as media_type() says."""
    if len(data) > limits.file_bytes:
        raise TooLarge(f"The file is larger than {limits.file_bytes} bytes.")
    kind = media_type(declared, filename, data)
    source = {
        "media_type": kind,
        "filename": filename,
        "bytes": len(data),
        "encoding": None,
        "pages": None,
        "paragraphs": None,
        "tables": None,
    }
    warnings = []
    if kind == DOCX:
        text, counts = _read_docx(data, limits)
    elif kind == PDF:
        text, counts = _read_pdf(data, limits)
    else:
        text, encoding, detected = decode(data, charset)
        counts = {"encoding": encoding}
        if detected:
            warnings.append(detection_warning(encoding))
    _check_text(text, limits)
    return Document(text, {**source, **counts}, warnings)


def detection_warning(encoding):
    return {
        "code": "encoding_detected",
        "start": None,
        "end": None,
        "message": f"No charset was declared and the text is not UTF-8; it was read as "
        f"{encoding} by detection. If that is wrong, declare the charset "
        f"(`text/plain; charset=gbk`, or `--encoding gbk` on the command "
        f"line).",
    }


def _check_text(text, limits):
    # Counted as the UTF-8 a text/plain body of the same report would be: the engine's work
    # grows with it, and a file should not be a way around the body limit.
    if len(text) > limits.text_bytes or len(text.encode("utf-8", "surrogatepass")) > limits.text_bytes:
        raise TooLarge(
            f"The text of the file is more than {limits.text_bytes} bytes as UTF-8; split the report."
        )


# ---- plain text -------------------------------------------------------------------------------


def decode(data, charset=None):
    """``(text, encoding, detected)``: by the declared charset, else a BOM, UTF-8 or detection.

    A byte order mark is not part of the text. Raises Unsupported for a charset Python does
    not know and Undecodable for bytes that are not valid in it (or in any detected one).
    """
    if charset:
        return _decode_declared(data, charset), _codec_name(charset), False
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, encoding), encoding.removesuffix("-sig"), False
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        pass
    encoding, text = _detect(data)
    return text, encoding, True


def _codec_name(charset):
    return codecs.lookup(charset).name


def _decode_declared(data, charset):
    try:
        info = codecs.lookup(charset)
    except LookupError:
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):
        raise Unsupported(f"The charset {charset!r} is not known; use utf-8, gb18030, gbk, big5 or utf-16.")
    name = info.name
    if name == "utf-8" and data.startswith(codecs.BOM_UTF8):
        name = "utf-8-sig"
    return _strict(data, name, charset)


def _strict(data, encoding, declared):
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise Undecodable(f"The text is not valid {declared} (byte {error.start}).") from None


def _detect(data):
    """The likeliest Chinese reading of ``data`` among charset-normalizer's proposals."""
    from charset_normalizer import from_bytes

    proposals = [(match.encoding, str(match)) for match in from_bytes(data, cp_isolation=_DETECTABLE)]
    scored = [(_chinese_likeness(text), -i, encoding, text) for i, (encoding, text) in enumerate(proposals)]
    if not scored or max(scored)[0] < 0.5:
        raise Undecodable(
            "The text is not UTF-8 and no encoding detection tried (GB18030, "
            "Big5, UTF-16, UTF-32) reads it as text; declare its charset "
            "(text/plain; charset=...)."
        )
    _, _, encoding, text = max(scored)
    return codecs.lookup(encoding).name, text


def _chinese_likeness(text):
    """The share of characters a Chinese report plausibly has: common hanzi (GB2312 level 1
    or Big5 level 1), ASCII, CJK and full-width punctuation, whitespace."""
    if not text:
        return 0.0
    likely = sum(map(_likely_char, text))
    return likely / len(text)


def _likely_char(ch):
    if ch.isascii():
        return ch.isprintable() or ch in "\t\n\r\f"
    code = ord(ch)
    if 0x3000 <= code <= 0x303F or 0xFF01 <= code <= 0xFF5E or ch in "·—‘’“”…、。《》【】":
        return True
    if 0x4E00 <= code <= 0x9FFF:
        return _common_hanzi(ch)
    return unicodedata.category(ch) in ("Zs",)


def _common_hanzi(ch):
    try:
        first = ch.encode("gb2312")[0]
        if 0xB0 <= first <= 0xD7:  # GB2312 level 1: the 3,755 most used simplified hanzi
            return True
    except UnicodeEncodeError:
        pass
    try:
        big5 = ch.encode("big5")
        return 0xA440 <= int.from_bytes(big5, "big") <= 0xC67E  # Big5 level 1
    except UnicodeEncodeError:
        return False


# ---- Word ----------------------------------------------------------------------------------------


def _read_docx(data, limits):
    """Body paragraphs and tables in document order; a table row is one line, cells tab-separated.

    python-docx is given a copy of the archive made here, never the file itself: zipfile
    inflates a whole entry in one call when asked for all of it, so a small entry that
    inflates to gigabytes (a zip bomb, whatever its directory declares) would be held in
    memory. Here every entry is inflated 64 KiB at a time, counted against
    ``limits.unpacked_bytes``, checked against its CRC, and stored uncompressed in the copy.
    """
    import docx
    from docx.table import Table

    clean = _unpacked_copy(data, limits)
    try:
        document = docx.Document(io.BytesIO(clean))
        lines, paragraphs, tables = [], 0, 0
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                tables += 1
                lines.extend(_table_lines(block))
            else:
                paragraphs += 1
                lines.append(block.text)
    except Exception as error:  # noqa: BLE001 - python-docx and lxml raise many kinds on bad input
        raise ReadError(f"The .docx file cannot be parsed ({type(error).__name__}).") from None
    return "\n".join(lines), {"paragraphs": paragraphs, "tables": tables}


_CHUNK = 64 * 1024


def _unpacked_copy(data, limits):
    """The zip ``data`` with every entry inflated within the limits and stored uncompressed."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = [entry for entry in archive.infolist() if not entry.is_dir()]
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise ReadError(
            "The .docx file is not a complete zip archive (truncated or not a Word file)."
        ) from None
    declared = sum(entry.file_size for entry in entries)
    if declared > limits.unpacked_bytes or len(entries) > 10_000:
        raise TooLarge(
            f"The .docx file unpacks to {declared} bytes in {len(entries)} parts, "
            f"over the limit of {limits.unpacked_bytes} bytes."
        )
    if "word/document.xml" not in {entry.filename for entry in entries}:
        raise ReadError("The zip archive is not a Word document (it has no word/document.xml).")
    out, total = io.BytesIO(), 0
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
        for entry in entries:
            if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise ReadError(
                    f"The .docx file compresses {entry.filename} in a way Word "
                    f"does not (method {entry.compress_type})."
                )
            chunks = []
            try:
                with archive.open(entry) as member:
                    while chunk := member.read(_CHUNK):
                        total += len(chunk)
                        if total > limits.unpacked_bytes:
                            raise TooLarge(
                                f"The .docx file unpacks to more than {limits.unpacked_bytes} bytes."
                            )
                        chunks.append(chunk)
            except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError, RuntimeError) as error:
                raise ReadError(
                    f"The .docx file is damaged: {entry.filename} cannot be "
                    f"unpacked ({type(error).__name__})."
                ) from None
            copy.writestr(entry.filename, b"".join(chunks))
    return out.getvalue()


def _table_lines(table):
    """One line per row, cells separated by tabs; a merged cell is written once."""
    lines = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split("\n")).replace("\t", " "))
        lines.append("\t".join(cells))
    return lines


# ---- PDF -----------------------------------------------------------------------------------------


def _read_pdf(data, limits):
    """The text layer, page by page (pages joined by a line break)."""
    import pypdf
    from pypdf.errors import DependencyError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # Many PDFs are encrypted with an empty user password, only to restrict editing.
            try:
                opened = reader.decrypt("")
            except DependencyError:
                opened = 0
            if not opened:
                raise ReadError("The PDF is encrypted with a password; send it decrypted.")
        pages, size = [], 0
        for page in reader.pages:
            text = page.extract_text() or ""
            size += len(text)
            if size > limits.text_bytes:
                raise TooLarge(
                    f"The text of the file is more than {limits.text_bytes} bytes as UTF-8; split the report."
                )
            pages.append(text.rstrip("\n"))
    except ReadError:
        raise
    except Exception as error:  # noqa: BLE001 - pypdf raises many kinds on malformed files
        raise ReadError(
            f"The PDF cannot be parsed ({type(error).__name__}); it may be truncated or damaged."
        ) from None
    if not any(text.strip() for text in pages):
        count = f"{len(pages)} page" + ("s" if len(pages) != 1 else "")
        raise ReadError(
            f"The PDF has no text layer ({count}, no text): it looks scanned "
            f"(images only). Run OCR on it first."
        )
    return "\n".join(pages), {"pages": len(pages)}


# ---- answers --------------------------------------------------------------------------------


def annotate(answer, document):
    """The engine's answer for ``document.text`` with the text, its source and the warnings."""
    return {
        **answer,
        "document": {**answer["document"], "text": document.text, "source": document.source},
        "warnings": [*document.warnings, *answer["warnings"]],
    }
