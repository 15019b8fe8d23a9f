"""Stop early, with the package to install, when a system library WeasyPrint needs is missing."""

import ctypes.util
import sys

LIBRARIES = {
    "pango-1.0": "libpango-1.0-0",
    "pangoft2-1.0": "libpangoft2-1.0-0",
    "harfbuzz": "libharfbuzz0b",
    "fontconfig": "libfontconfig1",
}


def main():
    missing = [package for library, package in LIBRARIES.items() if ctypes.util.find_library(library) is None]
    if missing:
        sys.exit(
            "WeasyPrint (the PDF reports) needs system libraries that are missing here.\n"
            f"On Debian or Ubuntu:  sudo apt-get install {' '.join(missing)}\n"
            "On macOS:            brew install pango\n"
        )


if __name__ == "__main__":
    main()
