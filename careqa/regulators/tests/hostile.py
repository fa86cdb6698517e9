"""Hostile files made on the spot for tests: zip bombs and spreadsheets that lie about size.

None is ever committed: each is built in a test's tmp_path, in well under a second.
"""

import struct
import zipfile
import zlib

MB = 1 << 20
_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")


def deflate_bomb(path, member="data.csv", *, megabytes=1024, head=b""):
    """A real ZIP archive whose one member inflates to `megabytes` MB (of zeros after `head`).

    The same compressed block, flushed so that it stands alone, is repeated: a 1 GB member
    takes about 1 MB and a quarter of a second to make, and unzips correctly.
    """
    chunk = bytes(MB)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    data = first + block * megabytes + packer.flush()
    crc = zlib.crc32(head)
    for _ in range(megabytes):
        crc = zlib.crc32(chunk, crc)
    size = len(head) + megabytes * MB
    name = member.encode()
    local = _LOCAL.pack(0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(name), 0)
    central = _CENTRAL.pack(
        0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(data), size, len(name), 0, 0, 0, 0, 0, 0
    )
    offset = len(local) + len(name) + len(data)
    directory = central + name
    end = _END.pack(0x06054B50, 0, 0, 1, 1, len(directory), offset, 0)
    path.write_bytes(local + name + data + directory + end)
    return path


_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>"""
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="xl/workbook.xml"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>
</Relationships>"""
_WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>"""
_WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="worksheets/sheet1.xml"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>
</Relationships>"""
_SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
{dimension}<sheetData>{rows}</sheetData></worksheet>"""


def xlsx_with_sheet(path, *, dimension=None, cells=(("A1", "Location ID"),), name="Locations"):
    """A minimal XLSX: one sheet stating `dimension` (or none), holding inline-string cells."""
    by_row = {}
    for ref, text in cells:
        row = int("".join(ch for ch in ref if ch.isdigit()))
        by_row.setdefault(row, []).append(f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>')
    rows = "".join(f'<row r="{row}">{"".join(cs)}</row>' for row, cs in sorted(by_row.items()))
    shown = f'<dimension ref="{dimension}"/>' if dimension else ""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK.format(name=name))
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", _SHEET.format(dimension=shown, rows=rows))
    return path


_ODS_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    '<office:body><office:spreadsheet><table:table table:name="Locations">'
)
_ODS_TAIL = "</table:table></office:spreadsheet></office:body></office:document-content>"


def ods_with_rows(path, rows_xml):
    """An ODS file whose one sheet, 'Locations', holds the given table-row XML."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "mimetype",
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        archive.writestr(
            "content.xml", _ODS_HEAD + rows_xml + _ODS_TAIL, compress_type=zipfile.ZIP_DEFLATED
        )
    return path


def ods_cell(text, repeat=1):
    attribute = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return (
        f'<table:table-cell{attribute} office:value-type="string"><text:p>{text}</text:p>'
        "</table:table-cell>"
    )
