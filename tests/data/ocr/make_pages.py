"""Make the OCR test pages of this folder (needs pango-view and the Bangla fonts): python make_pages.py.

Each page NAME.png has its ground truth in NAME.txt. The letters' text comes from the corpus.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

HERE = Path(__file__).resolve().parent
DPI = 300

HEADER_DPE = """গণপ্রজাতন্ত্রী বাংলাদেশ সরকার
প্রাথমিক শিক্ষা অধিদপ্তর
সেকশন ২, মিরপুর, ঢাকা ১২১৬।
স্মারক নম্বর-৩৮.০১.০০০০.১০৭.১৮.০০৩.২২-৮৯২
তারিখ: ২৪ বৈশাখ ১৪৩১
০৭ মে ২০২৪
বিষয়: 'শেখ রাসেল পদক ২০২৪' এর জন্য আবেদন আহ্বান।"""

HEADER_MOPA = """গণপ্রজাতন্ত্রী বাংলাদেশ সরকার
জনপ্রশাসন মন্ত্রণালয়
বিধি-৪ শাখা
প্রজ্ঞাপন
স্মারক নং-০৫.০০.০০০০.১৭৩.০৮.০১৪.০৭.১৪০; তারিখ: ১৮ আগস্ট ২০২১"""

# Long lines: on a page turned by 3° Tesseract loses them unless it is deskewed.
BODY_DPE = """স্মারক নম্বর-৩৮.০১.০০০০.১০৭.১৮.০০৩.২২-৮৯২
উপর্যুক্ত বিষয় ও সূত্রের প্রেক্ষিতে স্বাধীনতার মহান স্থপতি, জাতির পিতা বঙ্গবন্ধু শেখ মুজিবুর রহমান ও বঙ্গমাতা শেখ \
ফজিলাতুন্নেছা মুজিবের কনিষ্ঠ পুত্র শেখ রাসেলের অমর স্মৃতি শিক্ষার্থী এবং শিশু-কিশোরদের মধ্যে জাগ্রত রাখার লক্ষ্যে \
১৮ অক্টোবর শেখ রাসেলের জন্মদিনকে শেখ রাসেল দিবস হিসেবে ঘোষণা করা হয়েছে।"""

# Centred office block in which Tesseract 5.3 (Bengali, psm 6) drops the third line.
OFFICE_SIRAJGANJ = """গণপ্রজাতন্ত্রী বাংলাদেশ সরকার
জেলা প্রশাসকের কার্যালয়, সিরাজগঞ্জ
স্থানীয় সরকার শাখা"""

TABLE_COLUMNS = [150, 1000, 700, 450]  # cell widths in pixels
TABLE = [
    ["ক্রম", "আলোচনা", "সিদ্ধান্ত", "বাস্তবায়নে"],
    [
        "১",
        "সার্বক্ষণিক ইন্টারনেট সংযোগ সচল রাখতে হবে। বিকল্প ইন্টারনেট সংযোগের ব্যবস্থা করতে হবে।",
        "ই-নথির কার্যক্রম জোরদারকরণের সিদ্ধান্ত গৃহীত হয়।",
        "সহকারী মেইনটেন্যান্স ইঞ্জিনিয়ার, আইসিটি-২ শাখা",
    ],
    [
        "২",
        "তথ্য বাতায়ন হালনাগাদকরণের প্রক্রিয়া অব্যাহত রাখতে হবে।",
        "ত্রৈমাসিক ভিত্তিতে মন্ত্রিপরিষদ বিভাগে প্রতিবেদন প্রেরণ নিশ্চিত করতে হবে।",
        "প্রোগ্রামার, আইসিটি শাখা",
    ],
]


def render(text: str, font: str, width_pt: int, margin: int = 60, align: str = "left") -> np.ndarray:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "page.png"
        subprocess.run(
            [
                "pango-view",
                "-q",
                f"--dpi={DPI}",
                f"--font={font}",
                "-w",
                str(width_pt),
                f"--margin={margin}",
                f"--align={align}",
                "-o",
                str(out),
                "-t",
                text,
            ],
            check=True,
        )
        return np.asarray(Image.open(out).convert("L"))


def table() -> np.ndarray:
    pad, margin = 20, 40
    cells = [
        [
            render(text, "Noto Sans Bengali 11", (width - 2 * pad) * 72 // DPI, 0)
            for text, width in zip(row, TABLE_COLUMNS, strict=True)
        ]
        for row in TABLE
    ]
    heights = [max(cell.shape[0] for cell in row) + 2 * pad for row in cells]
    page = np.full((sum(heights) + 2 * margin, sum(TABLE_COLUMNS) + 2 * margin), 255, np.uint8)
    y = margin
    for row, height in zip(cells, heights, strict=True):
        x = margin
        for cell, width in zip(row, TABLE_COLUMNS, strict=True):
            part = cell[:, : width - 2 * pad]
            page[y + pad : y + pad + part.shape[0], x + pad : x + pad + part.shape[1]] = part
            x += width
        y += height
    right, bottom = margin + sum(TABLE_COLUMNS), margin + sum(heights)
    for y in np.cumsum([margin, *heights]):
        page[y - 2 : y + 1, margin:right] = 0
    for x in np.cumsum([margin, *TABLE_COLUMNS]):
        page[margin:bottom, x - 2 : x + 1] = 0
    return page


def save(name: str, image: np.ndarray, truth: str) -> None:
    Image.fromarray(image).save(HERE / f"{name}.png", dpi=(DPI, DPI), optimize=True)
    (HERE / f"{name}.txt").write_text(truth + "\n", encoding="utf-8")


def main() -> None:
    sans = render(HEADER_DPE, "Noto Sans Bengali 12", 470)
    save("header-sans", sans, HEADER_DPE)
    save("header-lohit", render(HEADER_MOPA, "Lohit Bengali 12", 470), HEADER_MOPA)
    body = render(BODY_DPE, "Noto Serif Bengali 12", 470)
    height, width = body.shape
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), 3.0, 1.0)  # 3° counter-clockwise
    save("body-skew3", cv2.warpAffine(body, turn, (width, height), borderValue=255), BODY_DPE)
    save("office-dropped-line", render(OFFICE_SIRAJGANJ, "Lohit Bengali 12", 465, align="center"), OFFICE_SIRAJGANJ)
    save("table-ruled", table(), "\n".join("\t".join(row) for row in TABLE))


if __name__ == "__main__":
    main()
