#!/usr/bin/env python3
"""Write tests/fixtures/encrypted.xlsx: a sample registration protected by the password "dvk".

Needs `pip install msoffcrypto-tool`. The output is committed, so tests never need this script;
run it again only to change the fixture:

    python3 tools/make_encrypted.py samples/2024/02_thanh_tra.xlsx tests/fixtures/encrypted.xlsx
"""
import sys

try:
    from msoffcrypto.format.ooxml import OOXMLFile
except ImportError:
    sys.exit("msoffcrypto-tool is missing: install it with: pip install msoffcrypto-tool")


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    source, target = sys.argv[1], sys.argv[2]
    with open(source, "rb") as plain, open(target, "wb") as encrypted:
        OOXMLFile(plain).encrypt("dvk", encrypted)


if __name__ == "__main__":
    main()
