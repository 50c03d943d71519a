#!/usr/bin/env bash
# Spark GPU resource discovery (spark.executor.resource.gpu.discoveryScript): prints the GPUs this
# executor may use as {"name": "gpu", "addresses": ["0", "1", ...]}.
#
# The addresses are the ordinals the executor's own CUDA runtime uses, because that is what a task hands
# to DJL (Device.gpu(address)). When a scheduler (YARN, a Kubernetes device plugin) has narrowed the set
# with CUDA_VISIBLE_DEVICES=3,5 (or GPU UUIDs), the process sees those GPUs as 0 and 1, so the script
# prints "0", "1" and not "3", "5". An empty CUDA_VISIBLE_DEVICES (or -1) means no GPU.
set -euo pipefail
if [[ -n "${CUDA_VISIBLE_DEVICES+set}" ]]; then
  count=0
  IFS=',' read -ra parts <<< "${CUDA_VISIBLE_DEVICES}"
  for p in "${parts[@]}"; do
    p="${p// /}"
    # CUDA stops at the first invalid entry; -1 is the usual way to hide every GPU.
    [[ -z "$p" || "$p" == -* ]] && break
    count=$((count + 1))
  done
elif command -v nvidia-smi >/dev/null 2>&1; then
  count="$(nvidia-smi --query-gpu=index --format=csv,noheader | grep -c . || true)"
else
  count=0
fi
addresses=""
for ((i = 0; i < count; i++)); do
  addresses+="${addresses:+, }\"$i\""
done
echo "{\"name\": \"gpu\", \"addresses\": [${addresses}]}"
