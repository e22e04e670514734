#!/usr/bin/env bash
# The CUDA checks of docs/RESULTS.md §5.5 on a GPU machine that has PyTorch (CUDA) but neither .NET nor the
# TorchSharp-cuda-linux package: the CPU build of atd runs there with its libtorch swapped for PyTorch's. TorchSharp
# loads libtorch_cuda by name, so the PyTorch lib folder on LD_LIBRARY_PATH is all it takes (the prebuilt
# LibTorchSharp of TorchSharp 0.107, made for libtorch 2.10, bound every symbol against PyTorch 2.11 there).
#
#   scripts/cuda-check.sh pack BUNDLE          here: publish atd without libtorch, pack it and the .NET runtime (~45 MB)
#   scripts/cuda-check.sh run BUNDLE RESULTS   there, from the repository root: bench, train and demo on cuda
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

pack() {
  local bundle; bundle="$(mkdir -p "$1" && cd "$1" && pwd)"
  local app; app="$(mktemp -d)"
  dotnet publish "$root/src/AtdMonitor.Cli" -c Release -r linux-x64 --self-contained false -o "$app" --nologo -v quiet
  # The GPU machine's PyTorch provides libtorch; LibTorchSharp (the binding) stays.
  (cd "$app" && rm -f libtorch*.so libc10.so libgomp* libshm.so libaoti_custom_ops.so libbackend_with_compiler.so \
    libjitbackend_test.so libnnapi_backend.so ./*.xml ./*.pdb)
  tar -C "$app" -cJf "$bundle/app.tar.xz" .
  local dotnet_root; dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
  local version; version="$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" { v = $2 } END { print v }')"
  tar -C "$dotnet_root" -cf - dotnet host "shared/Microsoft.NETCore.App/$version" "shared/Microsoft.AspNetCore.App/$version" \
    | xz -T0 -9 > "$bundle/dotnet.tar.xz"
  rm -rf "$app"
  du -sh "$bundle"/*.tar.xz
}

run() {
  local bundle; bundle="$(cd "$1" && pwd)"
  local results; results="$(mkdir -p "$2" && cd "$2" && pwd)"
  local home; home="$(mktemp -d)"
  mkdir -p "$home/dotnet" "$home/app" "$home/work"
  tar -C "$home/dotnet" -xJf "$bundle/dotnet.tar.xz"
  tar -C "$home/app" -xJf "$bundle/app.tar.xz"
  local torch_lib
  torch_lib="$(python3 -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))')"
  python3 -c 'import torch; print("PyTorch", torch.__version__, "CUDA", torch.version.cuda, "GPU", torch.cuda.get_device_name(0))'
  export DOTNET_ROOT="$home/dotnet" DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
  export LD_LIBRARY_PATH="$torch_lib"
  nvidia-smi --query-gpu=timestamp,memory.used,utilization.gpu --format=csv -lms 500 > "$results/gpu-memory.csv" &
  local sampler=$!

  atd() { local out=$1; shift; echo "== atd $*"; "$home/dotnet/dotnet" "$home/app/atd.dll" "$@" 2>&1 | tee "$results/$out"; }
  cd "$root"
  atd paper-batch8.txt bench model --size paper --variant atd --device cuda --steps 5 --batch-size 8
  atd paper-batch64.txt bench model --size paper --variant atd --device cuda --steps 5 --batch-size 64
  atd default-size.txt bench model --variant atd --seconds 0.3
  atd train-arrhythmia.txt train --task arrhythmia --split intra --records 100 119 208 --data samples --device cuda \
    --epochs 3 --out "$results/arrhythmia-cuda.ckpt"
  atd train-arrhythmia-paper.txt train --task arrhythmia --split intra --records 100 119 208 --data samples --device cuda \
    --epochs 1 --width 1024 --layers 10 --feed-forward 4096 --heads 16 --batch-size 64 --out "$home/work/arrhythmia-paper.ckpt"
  atd train-forecast.txt train --task forecast --data samples --device cuda --epochs 2 --out "$home/work/forecast-cuda.ckpt"
  ATD__Inference__Device=cuda atd demo-cuda.txt demo --duration 20 --station off
  kill "$sampler"
  rm -rf "$home"
}

case "${1:-}" in
  pack) [[ $# -eq 2 ]] || { echo "usage: $0 pack BUNDLE" >&2; exit 2; }; pack "$2" ;;
  run) [[ $# -eq 3 ]] || { echo "usage: $0 run BUNDLE RESULTS" >&2; exit 2; }; run "$2" "$3" ;;
  *) echo "usage: $0 pack BUNDLE | run BUNDLE RESULTS" >&2; exit 2 ;;
esac
