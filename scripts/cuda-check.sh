#!/usr/bin/env bash
# The CUDA checks of docs/RESULTS.md §5.5, for a GPU machine that has PyTorch (CUDA) but neither .NET nor
# TorchSharp-cuda-linux: the CPU build of atd runs there on PyTorch's libtorch (TorchSharp loads libtorch_cuda by
# name from LD_LIBRARY_PATH).
#
#   scripts/cuda-check.sh pack BUNDLE          here: atd published without libtorch, and the .NET runtime (~41 MB)
#   scripts/cuda-check.sh run BUNDLE RESULTS   there, in a checkout of this repository (it reads samples/ and models/)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

pack() {
  local bundle; bundle="$(mkdir -p "$1" && cd "$1" && pwd)"
  scratch="$(mktemp -d)"
  trap 'rm -rf "$scratch"' EXIT
  dotnet publish "$root/src/AtdMonitor.Cli" -c Release -r linux-x64 --self-contained false -o "$scratch" --nologo -v quiet
  # PyTorch provides libtorch there; LibTorchSharp (the binding) stays.
  (cd "$scratch" && rm -f libtorch*.so libc10.so libgomp* libshm.so libaoti_custom_ops.so libbackend_with_compiler.so \
    libjitbackend_test.so libnnapi_backend.so ./*.xml ./*.pdb)
  tar -C "$scratch" -cJf "$bundle/app.tar.xz" .
  local dotnet_root; dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
  local version; version="$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" { v = $2 } END { print v }')"
  tar -C "$dotnet_root" -cf - dotnet host "shared/Microsoft.NETCore.App/$version" "shared/Microsoft.AspNetCore.App/$version" \
    | xz -T0 -9 > "$bundle/dotnet.tar.xz"
  du -sh "$bundle"/*.tar.xz
}

run() {
  local bundle; bundle="$(cd "$1" && pwd)"
  local results; results="$(mkdir -p "$2" && cd "$2" && pwd)"
  scratch="$(mktemp -d)"
  sampler=""
  trap 'if [[ -n "$sampler" ]]; then kill "$sampler" 2>/dev/null || true; fi; rm -rf "$scratch"' EXIT
  mkdir -p "$scratch/dotnet" "$scratch/app"
  tar -C "$scratch/dotnet" -xJf "$bundle/dotnet.tar.xz"
  tar -C "$scratch/app" -xJf "$bundle/app.tar.xz"
  local torch_lib
  torch_lib="$(python3 -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))')"
  python3 -c 'import torch; print("PyTorch", torch.__version__, "CUDA", torch.version.cuda, "GPU", torch.cuda.get_device_name(0))' \
    | tee "$results/machine.txt"
  export DOTNET_ROOT="$scratch/dotnet" DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
  export LD_LIBRARY_PATH="$torch_lib"
  if command -v nvidia-smi >/dev/null; then
    nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv | tee -a "$results/machine.txt"
    nvidia-smi --query-gpu=timestamp,memory.used,utilization.gpu --format=csv -lms 500 > "$results/gpu-memory.csv" 2>&1 &
    sampler=$!
  fi

  atd() { local out=$1; shift; echo "== $(date -u +%T) atd $*"; "$scratch/dotnet/dotnet" "$scratch/app/atd.dll" "$@" 2>&1 | tee "$results/$out"; }
  cd "$root"
  atd paper-batch8.txt bench model --size paper --variant atd --device cuda --steps 5 --batch-size 8
  atd paper-batch64.txt bench model --size paper --variant atd --device cuda --steps 5 --batch-size 64
  atd default-size.txt bench model --variant atd --seconds 0.3
  atd train-arrhythmia.txt train --task arrhythmia --split intra --records 100 119 208 --data samples --device cuda \
    --epochs 3 --out "$scratch/arrhythmia-cuda.ckpt"
  cp "$scratch/arrhythmia-cuda.ckpt" "$results/"
  atd train-arrhythmia-paper.txt train --task arrhythmia --split intra --records 100 119 208 --data samples --device cuda \
    --epochs 1 --width 1024 --layers 10 --feed-forward 4096 --heads 16 --batch-size 64 --out "$scratch/arrhythmia-paper.ckpt"
  atd train-forecast.txt train --task forecast --data samples --device cuda --epochs 2 --out "$scratch/forecast-cuda.ckpt"
  ATD__Inference__Device=cuda atd demo-cuda.txt demo --duration 20 --station off
}

case "${1:-}" in
  pack) [[ $# -eq 2 ]] || { echo "usage: $0 pack BUNDLE" >&2; exit 2; }; pack "$2" ;;
  run) [[ $# -eq 3 ]] || { echo "usage: $0 run BUNDLE RESULTS" >&2; exit 2; }; run "$2" "$3" ;;
  *) echo "usage: $0 pack BUNDLE | run BUNDLE RESULTS" >&2; exit 2 ;;
esac
