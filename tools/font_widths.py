#!/usr/bin/env python3
"""Prints the width tables of src/output/metrics.rs from Liberation Serif 2.x (the font metric-
compatible with Times New Roman: every glyph has Times New Roman's advance width).

Usage: pip install fonttools; python3 tools/font_widths.py [FONT_DIR]
(FONT_DIR: where LiberationSerif-Regular.ttf and -Bold.ttf are; Debian's fonts-liberation2
puts them in /usr/share/fonts/truetype/liberation2.)
"""
import sys
from fontTools.ttLib import TTFont

folder = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/liberation2"
chars = [chr(c) for c in range(32, 127)] + list("đĐơƠưƯ“”‘’–—…•")
for style in ("Regular", "Bold"):
    font = TTFont(f"{folder}/LiberationSerif-{style}.ttf")
    cmap, hmtx = font.getBestCmap(), font["hmtx"]
    assert font["head"].unitsPerEm == 2048
    print(f"const {style.upper()}: [(char, u16); {len(chars)}] = [")
    for c in chars:
        literal = {"'": "'\\''", "\\": "'\\\\'"}.get(c, f"'{c}'")
        print(f"    ({literal}, {hmtx[cmap[ord(c)]][0]}),")
    print("];")
