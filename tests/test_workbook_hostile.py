"""The workbook reader from Python under hostile or careless use: a planner who renames
or deletes a sheet, adds notes, types accents decomposed, or sends a small file that
unpacks to gigabytes gets a ``ValidationError`` naming the sheet, never a silently
shorter problem or a dead kernel."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest

import oversight

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "nghe-an-2024.json"

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture(scope="module")
def problem() -> oversight.Problem:
    return oversight.Problem.load(EXAMPLE)


@pytest.fixture
def template(problem: oversight.Problem, tmp_path: Path) -> Path:
    path = tmp_path / "proposals.xlsx"
    problem.to_excel(path)
    return path


def _errors(path: Path) -> list[tuple[str, str]]:
    with pytest.raises(oversight.ValidationError) as caught:
        oversight.Problem.from_excel(path)
    return list(caught.value.errors)


def _has(errors: list[tuple[str, str]], path: str, *words: str) -> None:
    assert any(p.startswith(path) and all(w in m for w in words) for p, m in errors), errors


def test_a_renamed_history_sheet_is_an_error_not_an_empty_history(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    book["Lịch sử giám sát"].title = "Lịch sử"
    book.save(template)
    errors = _errors(template)
    _has(errors, "'Lịch sử'", "does not know")
    _has(errors, "'Lịch sử giám sát'", "no sheet", "Thông tin chung")


def test_a_deleted_body_sheet_is_an_error_naming_the_body(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    del book["dt"]
    book.save(template)
    errors = _errors(template)
    _has(errors, "'Cơ quan'!", '"dt"', "'dt'")
    assert len(errors) == 1, errors


def test_an_extra_sheet_of_notes_is_an_error_naming_it(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    book.create_sheet("Ghi chú")["A1"] = "Hỏi lại Sở Tài chính"
    book.save(template)
    errors = _errors(template)
    _has(errors, "'Ghi chú'", "does not know")


def test_an_extra_column_with_data_is_an_error_naming_it(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    sheet = book["dt"]
    sheet.cell(row=3, column=30, value="Ghi chú")
    sheet.cell(row=5, column=30, value="x")
    book.save(template)
    errors = _errors(template)
    _has(errors, "'dt'", "AD", "Ghi chú", "would be lost")


def test_a_body_listed_twice_is_named_as_such(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    sheet = book["Cơ quan"]
    last = sheet.max_row
    for col in range(1, sheet.max_column + 1):
        sheet.cell(row=last + 1, column=col, value=sheet.cell(row=last, column=col).value)
    book.save(template)
    errors = _errors(template)
    _has(errors, "'Cơ quan'!", "listed twice")
    assert not any("has no sheet" in m for _, m in errors), errors


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_a_decomposed_workbook_reads_and_keeps_what_was_typed(
    problem: oversight.Problem, template: Path
) -> None:
    book = openpyxl.load_workbook(template)
    for sheet in book.worksheets:
        sheet.title = _nfd(sheet.title)
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.value = _nfd(cell.value)
    book.save(template)
    back = oversight.Problem.from_excel(template)
    title = problem.to_dict()["activities"][0]["title"]
    assert back.to_dict()["activities"][0]["title"] == _nfd(title) != title

    def composed(p: oversight.Problem) -> str:
        return unicodedata.normalize("NFC", json.dumps(p.to_dict(), ensure_ascii=False))

    assert composed(back) == composed(problem)


def test_an_id_with_a_trailing_space_is_refused_at_its_cell(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    sheet = book["dbqh"]
    assert sheet["B3"].value == "Mã hoạt động"
    sheet["B4"] = f"{sheet['B4'].value} "
    book.save(template)
    _has(_errors(template), "'dbqh'!B4 (activities[", "white space")


def test_an_empty_title_round_trips(tmp_path: Path) -> None:
    data = oversight.generate("tiny", seed=1).to_dict()
    data["activities"][0]["title"] = ""
    data["bodies"][0]["name"] = ""
    problem = oversight.Problem.from_dict(data)
    path = tmp_path / "empty.xlsx"
    try:
        problem.to_excel(path)
    except (oversight.ValidationError, OSError, ValueError):
        return  # refused on the way out: the other half of the contract
    assert oversight.Problem.from_excel(path) == problem


# ---- Bombs, built here (nothing large is committed) and read under a memory limit. ----

_CT = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
    '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument'
    '.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType='
    '"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}"><Relationship '
    f'Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WB = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
    '<sheets><sheet name="Thông tin chung" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WB_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)


def _bomb(path: Path, string_chars: int, cells: int, cols: int = 20) -> None:
    """One sheet whose ``cells`` cells all use one shared string of ``string_chars``."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WB)
        z.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'.encode())
            f.write(b"<sheetData>")
            letters = [chr(65 + c) for c in range(cols)]
            for r in range(1, -(-cells // cols) + 1):
                used = min(cols, cells - (r - 1) * cols)
                row = "".join(f'<c r="{c}{r}" t="s"><v>0</v></c>' for c in letters[:used])
                f.write(f'<row r="{r}">{row}</row>'.encode())
            f.write(b"</sheetData></worksheet>")
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}"><si><t>'.encode())
            chunk = b"a" * (1 << 20)
            left = string_chars
            while left > 0:
                f.write(chunk[: min(left, len(chunk))])
                left -= len(chunk)
            f.write(b"</t></si></sst>")


_READ_UNDER_LIMIT = """
import resource, sys, oversight
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
try:
    oversight.Problem.from_excel(sys.argv[1])
except oversight.ValidationError as e:
    print(e.errors[0][0], "::", e.errors[0][1])
"""


def _read_in_a_child(path: Path, limit: int = 1 << 30) -> str:
    """Reads ``path`` in a child process limited to ``limit`` bytes of address space, so
    that a reader that still exhausts memory fails the test instead of the machine."""
    done = subprocess.run(
        [sys.executable, "-c", _READ_UNDER_LIMIT, str(path), str(limit)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_a_shared_string_in_200000_cells_is_refused_within_memory(tmp_path: Path) -> None:
    path = tmp_path / "shared.xlsx"
    _bomb(path, 32_000, 200_000)
    assert path.stat().st_size < 1 << 20
    out = _read_in_a_child(path)
    assert "'Thông tin chung'" in out and "64 MB" in out, out


def test_a_part_that_unpacks_to_hundreds_of_megabytes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.xlsx"
    _bomb(path, 300 << 20, 1)
    assert path.stat().st_size < 2 << 20
    out = _read_in_a_child(path)
    assert "xl/sharedStrings.xml" in out and "128 MB" in out, out


def test_a_sheet_over_too_many_rows_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "rows.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Thông tin chung"
    sheet["A1"] = "Mã"
    sheet["A60000"] = "x"
    book.save(path)
    _has(_errors(path), "'Thông tin chung'", "60000 rows", "50000")


def test_an_ods_cell_repeated_200000_times_is_refused_within_memory(tmp_path: Path) -> None:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content'
        ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Thông tin chung">'
        '<table:table-row table:number-rows-repeated="10000"><table:table-cell'
        ' table:number-columns-repeated="20" office:value-type="string">'
        f"<text:p>{'a' * 32_000}</text:p></table:table-cell></table:table-row>"
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    path = tmp_path / "bomb.ods"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
    assert path.stat().st_size < 2000
    out = _read_in_a_child(path)
    assert "content.xml" in out and "64 MB" in out, out
