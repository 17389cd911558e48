"""Find a CJK font by path: matplotlib's bundled fonts have no Chinese glyphs (design §6b).

`python -m bot.reports.fonts` prints the font found, or says plainly which package is missing
and exits 1; `make fonts` runs it (and installs fonts-wqy-microhei when it can).
"""

from __future__ import annotations

import sys
from pathlib import Path

CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyh.ttc",
)
# Browsers pick the first family they have; SVG text is left to them (svg.fonttype none).
BROWSER_FAMILIES = (
    "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
    "Microsoft YaHei", "sans-serif",
)
INSTALL_HINT = (
    "未找到中文（CJK）字体，无法生成 PDF/PNG 报告。请安装 fonts-wqy-microhei 或 fonts-noto-cjk："
    "sudo apt-get install fonts-wqy-microhei；或在配置 reports.font_path 中指定字体文件。\n"
    "No CJK font found: install the Debian package fonts-wqy-microhei (or fonts-noto-cjk), "
    "e.g. `sudo apt-get install fonts-wqy-microhei`, or set reports.font_path."
)


class MissingFontError(RuntimeError):
    """No CJK font was found; the message names the package to install."""


def find_cjk_font(configured: str = "", candidates: tuple[str, ...] = CANDIDATES) -> Path:
    """The configured font file, or the first known CJK font present; else MissingFontError."""
    if configured:
        path = Path(configured)
        if not path.is_file():
            raise MissingFontError(f"reports.font_path: 字体文件不存在 / font not found: {path}")
        return path
    for candidate in candidates:
        if Path(candidate).is_file():
            return Path(candidate)
    raise MissingFontError(INSTALL_HINT)


def main() -> int:
    """Print the CJK font found, or how to install one (exit 1)."""
    try:
        path = find_cjk_font()
    except MissingFontError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"中文字体 / CJK font: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
