#!/bin/sh
# Rebuild the test PDFs of this folder from their text files (README.md says what each is for).
# Needs: pango-view (Debian pango1.0-tools) with fonts-noto-core, fonts-lohit-beng-bengali and
# fonts-dejavu-core; pdfunite (poppler-utils); gs (ghostscript); ocrmypdf with tesseract-ocr-script-beng; a Python with Pillow and pdfplumber
# (PYTHON=../../../.venv/bin/python ./make.sh).
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

render() {  # render FONT TEXT PDF
    pango-view --font "$1" --width=520 --wrap=word --margin=50 -q --output "$3" "$2"
}

render "Noto Sans Bengali 12" bangla-letter.gt.txt bangla-letter.pdf
render "Lohit Bengali 12" notice-lohit.gt.txt notice-lohit.pdf
render "DejaVu Serif 11" english.gt.txt english.pdf
# A legacy layer: Bijoy (SutonnyMJ) ASCII typed in a Latin font, so the text layer holds the ASCII.
render "DejaVu Sans 12" bijoy.src.txt bijoy.pdf
# A broken layer: pdfplumber's extract_text of bangla-letter.pdf (visual order, U+FFFD for conjuncts),
# rendered as it is, so that the text layer holds the damage.
"${PYTHON:-python3}" -c "import pdfplumber; print(pdfplumber.open('bangla-letter.pdf').pages[0].extract_text())" \
    > visual-order.gt.txt
render "Noto Sans Bengali 12" visual-order.gt.txt visual-order.pdf
# A table: cells separated by enough tabs that pango-view's 8-space tab stops leave wide gaps.
render "Noto Sans Bengali 12" table.src.txt table.pdf
tr -s '\t' < table.src.txt > table.gt.txt

# An image-only page: the letter rendered to a greyscale PNG at 100 dpi, wrapped in a PDF by Pillow.
pango-view --font "Noto Sans Bengali 12" --width=520 --wrap=word --margin=50 --dpi=100 -q \
    --output "$tmp/image-only.png" bangla-letter.gt.txt
"${PYTHON:-python3}" -c "from PIL import Image; Image.open('$tmp/image-only.png').convert('L').save('image-only.pdf', resolution=100)"
cp bangla-letter.gt.txt image-only.gt.txt

# Three pages, the middle one blank (pango-view of a single space draws nothing).
printf ' ' > "$tmp/blank.txt"
render "DejaVu Sans 12" "$tmp/blank.txt" "$tmp/blank.pdf"
pdfunite bangla-letter.pdf "$tmp/blank.pdf" english.pdf three-pages.pdf
{ cat bangla-letter.gt.txt; printf '\f\f'; cat english.gt.txt; } > three-pages.gt.txt

# Encrypted with a user password ("user"; owner password "owner"): cannot be opened without it.
gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfwrite -sOwnerPassword=owner -sUserPassword=user \
    -dEncryptionR=3 -dKeyLength=128 -sOutputFile=encrypted.pdf bangla-letter.pdf
cp bangla-letter.gt.txt encrypted.gt.txt

# A scan with an invisible OCR layer: image-only.pdf through OCRmyPDF (Tesseract's Bengali script model).
ocrmypdf -q -l Bengali --output-type pdf image-only.pdf scanned-ocr.pdf
cp bangla-letter.gt.txt scanned-ocr.gt.txt

# The letter scanned at 200 dpi, under two invisible layers: a scanner's English OCR of the Bangla page
# (Tesseract's eng model, as flatbed software adds it: Latin junk) and an earlier Bangla OCR of it.
pango-view --font "Noto Sans Bengali 12" --width=520 --wrap=word --margin=50 --dpi=200 -q \
    --output "$tmp/scan-200.png" bangla-letter.gt.txt
"${PYTHON:-python3}" -c "from PIL import Image; Image.open('$tmp/scan-200.png').convert('L').save('$tmp/scan-200.pdf', resolution=200)"
ocrmypdf -q -l eng --output-type pdf "$tmp/scan-200.pdf" scanner-english-layer.pdf
ocrmypdf -q -l Bengali --output-type pdf "$tmp/scan-200.pdf" scanned-bengali-layer.pdf
cp bangla-letter.gt.txt scanner-english-layer.gt.txt
# An English scan under its own English OCR layer: a layer without Bangla that fits its page, so it is kept.
pango-view --font "DejaVu Serif 11" --width=520 --wrap=word --margin=50 --dpi=200 -q \
    --output "$tmp/english-200.png" english.gt.txt
"${PYTHON:-python3}" -c "from PIL import Image; Image.open('$tmp/english-200.png').convert('L').save('$tmp/english-200.pdf', resolution=200)"
ocrmypdf -q -l eng --output-type pdf "$tmp/english-200.pdf" scanned-english-layer.pdf
cp english.gt.txt scanned-english-layer.gt.txt
cp bangla-letter.gt.txt scanned-bengali-layer.gt.txt
