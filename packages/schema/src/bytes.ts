const KiB = 2 ** 10;
const MiB = 2 ** 20;
const GiB = 2 ** 30;

/**
 * A size in binary units, as memory is counted (Kubernetes `Mi`/`Gi`, llama.cpp's buffers):
 * `4.1 GiB` from 1 GiB up (one decimal), `512 MiB` from 1 MiB up, else whole `KiB`.
 */
export function formatBinaryBytes(n: number): string {
  if (n >= GiB) return `${(n / GiB).toFixed(1)} GiB`;
  if (n >= MiB) return `${Math.round(n / MiB)} MiB`;
  return `${Math.round(n / KiB)} KiB`;
}

/**
 * A size in decimal units, as downloads and disks are counted: `1.8 GB` from 10^9 up (one
 * decimal), `512 MB` from 10^6 up, else the bytes as given (`999 B`).
 */
export function formatDecimalBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
  return `${bytes} B`;
}
