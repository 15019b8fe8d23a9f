"""CSV files that a spreadsheet opens safely: every CSV the project writes goes through here."""

import csv
import io

# A cell beginning with one of these is read as a formula by Excel, LibreOffice and Google Sheets
# (OWASP, "CSV Injection"): `=HYPERLINK(…)` in a participant's text would become a live link.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text that would start a formula gets a leading apostrophe, which spreadsheets show as
    plain text; the rest of the text is unchanged, so it stays readable. Numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


class SafeWriter:
    """`csv.writer` (quotes and line breaks escaped as usual) with every cell made safe."""

    def __init__(self, stream):
        self.writer = csv.writer(stream)

    def writerow(self, row):
        return self.writer.writerow([safe_cell(value) for value in row])


def csv_text(rows):
    """The rows as CSV text in UTF-8 with a byte order mark, so that Excel and LibreOffice read
    every script right."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = SafeWriter(buffer)
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue()
