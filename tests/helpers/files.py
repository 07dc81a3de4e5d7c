"""Report files made by the tests themselves: Word with python-docx, PDF with reportlab, zips.

The PDFs use reportlab's STSong-Light, one of the standard Adobe CJK fonts a PDF may name
without embedding, so Chinese PDFs are made on any machine with no font installed.
"""

import io
import struct
import zlib

import docx
from reportlab.lib import pdfencrypt
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

CJK_FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))


def make_docx(*blocks):
    """A .docx of ``blocks`` in order: a str is a paragraph, a list of rows is a table.

    A cell given as None is merged into the cell on its left.
    """
    document = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        table = document.add_table(rows=len(block), cols=len(block[0]))
        for r, row in enumerate(block):
            for c, value in enumerate(row):
                if value is None:
                    table.cell(r, c - 1).merge(table.cell(r, c))
                else:
                    table.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_pdf(*pages, encrypt=None, image_only=False):
    """A PDF with one page per item of ``pages`` (each a list of lines), in a CJK font.

    ``encrypt`` is (user password, owner password); ``image_only`` draws shapes and no text.
    """
    out = io.BytesIO()
    options = {}
    if encrypt:
        options["encrypt"] = pdfencrypt.StandardEncryption(encrypt[0], ownerPassword=encrypt[1])
    pdf = canvas.Canvas(out, **options)
    for lines in pages:
        pdf.setFont(CJK_FONT, 12)  # reportlab resets the font on every page
        y = 800
        for line in lines:
            if image_only:
                pdf.rect(50, y, 10 * len(line), 12, fill=1)
            else:
                pdf.drawString(50, y, line)
            y -= 20
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def zip_of(entries):
    """A zip (stored with deflate) of ``(name, deflated, crc, size)`` entries, written by hand so
    an entry's declared ``size`` may be anything, as a hostile file's may."""
    body, directory = bytearray(), bytearray()
    for name, deflated, crc, size in entries:
        raw_name = name.encode()
        fields = (20, 0, 8, 0, 0x21, crc, len(deflated), size, len(raw_name), 0)
        directory += (
            struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0, len(body)) + raw_name
        )
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields) + raw_name + deflated
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), len(body), 0)
    return bytes(body + directory + end)


def deflate(data):
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def zeros_deflated(mebibytes):
    """``(deflated, crc)`` of that many MiB of zero bytes, made in milliseconds: after a full
    flush deflate starts afresh, so one MiB's stream repeated is the stream of them all."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(1 << 20)) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(mebibytes):
        crc = zlib.crc32(bytes(1 << 20), crc)
    return block * mebibytes + deflate(b""), crc


def docx_with_document_xml(deflated, crc, size, base=None):
    """A real .docx whose word/document.xml is replaced by the given deflated stream."""
    import zipfile

    base = base or make_docx("本月共销售住宅41套。")
    entries = []
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        for info in archive.infolist():
            if info.filename == "word/document.xml":
                entries.append((info.filename, deflated, crc, size))
            else:
                data = archive.read(info)
                entries.append((info.filename, deflate(data), zlib.crc32(data), len(data)))
    return zip_of(entries)


def multipart(data, filename, content_type="application/octet-stream", field="file"):
    """``(body, Content-Type)`` of a multipart/form-data upload of one file, built in memory
    (Werkzeug's test client spools bodies over 500 KB to temporary files it leaves open)."""
    boundary = "suanpan-test-boundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
        f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
    ).encode()
    return head + data + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"
