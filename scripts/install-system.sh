#!/usr/bin/env bash
# Debian packages the pipeline needs: Tesseract with the Bangla models, poppler (PDF text layer),
# pango-view and Bangla fonts (the scan corpus), OCRmyPDF (the comparison benchmark), PostgreSQL (the
# database tests), Chromium and its driver (the browser tests of the report and the review app).
# Installs only what is missing; needs root (or sudo) the first time.
set -euo pipefail
packages=(
  tesseract-ocr tesseract-ocr-ben tesseract-ocr-script-beng tesseract-ocr-eng tesseract-ocr-osd
  poppler-utils pango1.0-tools ocrmypdf postgresql
  fonts-noto-core fonts-lohit-beng-bengali fonts-beng-extra
  chromium chromium-driver
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing Debian packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "error: need root to install: ${missing[*]} (run: apt-get install ${missing[*]})" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
