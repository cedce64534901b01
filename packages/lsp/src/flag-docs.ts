/**
 * What the llama-server options a chart most often set mean for a pod, keyed by canonical long
 * name: the Kubernetes side llama.cpp's own help line does not tell. Nothing here depends on the
 * build (no defaults, no value lists): those come from the flag data of the file's build, shown
 * next to this note.
 */
export const FLAG_DESCRIPTIONS: Readonly<Record<string, string>> = {
  "--threads": "Threads used for generation. Set it to the floor of resources.limits.cpu: llama.cpp counts host cores, not the container's CPU quota.",
  "--threads-batch": "Threads used for prompt processing. Never above the CPU limit.",
  "--ctx-size": "Total KV-cache size in tokens, shared by or split across the slots. 0 means the model's training context. The KV cache for the whole context is allocated at start-up.",
  "--parallel": "Number of server slots (concurrent requests). The KV cache is sized by -c, not by the slots; each slot gets a share of the context unless the KV cache is unified.",
  "--model": "Path of the GGUF model file inside the container. The chart adds -m <volume.models.mountPath>/<model.filename> when it is left out.",
  "--host": "Address to listen on. 127.0.0.1 (the server default) is unreachable from the Service; the chart adds --host 0.0.0.0.",
  "--port": "Port to listen on. Keep it equal to service.port: the probes and the Service target it.",
  "--cache-ram": "Host-RAM prompt cache in MiB (-1 unlimited, 0 off). Counts against resources.limits.memory on top of weights and KV cache.",
  "--flash-attn": "Flash attention. Whether it takes a value (on, off, auto) or is a plain switch depends on the build.",
  "--load-mode": "How the weights are loaded: memory-mapped (shared with the page cache), read into RAM, or locked. A tmpfs models volume plus a read into RAM holds the weights twice.",
  "--cache-type-k": "Element type of the K cache; q8_0 halves its memory compared with f16.",
  "--cache-type-v": "Element type of the V cache; q8_0 halves its memory compared with f16.",
  "--batch-size": "Logical maximum batch size for prompt processing.",
  "--ubatch-size": "Physical maximum batch size; the compute buffers grow with it.",
  "--metrics": "Enables the Prometheus-compatible /metrics endpoint.",
  "--slots": "Enables the /slots monitoring endpoint.",
  "--api-key": "API key clients must send. Prefer LLAMA_API_KEY from a Secret: an argument is visible in the pod spec.",
  "--api-key-file": "File with API keys, one per line; mount it from a Secret.",
  "--hf-repo": "Hugging Face repository to download the model from at start-up (into LLAMA_CACHE).",
  "--gpu-layers": "Layers offloaded to a GPU; ignored by CPU-only images.",
  "--timeout": "Server read/write timeout in seconds.",
  "--n-predict": "Maximum tokens to predict per request (-1 = until the end of generation).",
  "--predict": "Maximum tokens to predict per request (-1 = until the end of generation).",
  "--cont-batching": "Continuous batching: new requests join the batch already running.",
  "--jinja": "Formats chat requests with the model's own Jinja chat template.",
  "--alias": "Model name reported by the API.",
  "--kv-unified": "One KV cache pool shared by all slots.",
  "--seed": "Random seed (-1 = random).",
  "--log-disable": "Disables logging.",
  "--verbose": "Logs everything, including requests.",
};
