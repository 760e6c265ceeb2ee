"""`python -m qc.cli ARCHIVE...`: prints the digest of each archive."""

import sys
from pathlib import Path

from .hashing import digest


def main(argv: list[str]) -> int:
    for arg in argv:
        print(f"{digest(Path(arg))}  {arg}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
