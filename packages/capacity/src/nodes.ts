import { parseQuantity, type NodePool } from "@llmchart/schema";

const GiB = 2 ** 30;
const MiB = 2 ** 20;

/** CPU in millicores and memory in bytes. */
export interface Resources {
  cpu: number;
  memory: number;
}

/** The kubelet's default hard eviction threshold (`memory.available<100Mi`): memory the scheduler never hands out. */
export const EVICTION_HARD_BYTES = 100 * MiB;

/**
 * Piecewise tiers: `rate` of the part of the capacity between the previous tier's `upTo` and
 * this one's. Shared by the CPU and memory reservations below.
 */
function tiered(amount: number, tiers: readonly { upTo: number; rate: number }[]): number {
  let reserved = 0;
  let from = 0;
  for (const { upTo, rate } of tiers) {
    if (amount <= from) break;
    reserved += (Math.min(amount, upTo) - from) * rate;
    from = upTo;
  }
  return reserved;
}

/**
 * What a node keeps for the OS, the kubelet and the container runtime when the pool does not
 * say: the tiers GKE and AKS document for kube-reserved (the managed clouds agree on them),
 * plus the kubelet's 100 MiB hard eviction threshold on memory.
 * CPU: 6% of the first core, 1% of the second, 0.5% of cores 3–4, 0.25% of every core above 4.
 * Memory: 25% of the first 4 GiB, 20% of the next 4, 10% of the next 8, 6% of the next 112,
 * 2% above 128 GiB (255 MiB on nodes under 1 GiB). Sources: docs/capacity.md.
 * `cpu` in millicores, `memory` in bytes.
 */
export function defaultReserved(capacity: Resources): Resources {
  const cpu = tiered(capacity.cpu, [
    { upTo: 1000, rate: 0.06 },
    { upTo: 2000, rate: 0.01 },
    { upTo: 4000, rate: 0.005 },
    { upTo: Infinity, rate: 0.0025 },
  ]);
  const memory =
    capacity.memory < GiB
      ? 255 * MiB
      : tiered(capacity.memory, [
          { upTo: 4 * GiB, rate: 0.25 },
          { upTo: 8 * GiB, rate: 0.2 },
          { upTo: 16 * GiB, rate: 0.1 },
          { upTo: 128 * GiB, rate: 0.06 },
          { upTo: Infinity, rate: 0.02 },
        ]);
  return { cpu: Math.round(cpu), memory: Math.round(memory) + EVICTION_HARD_BYTES };
}

/** A node pool with its quantities parsed: per-node capacity, reservation and allocatable. */
export interface PoolCapacity {
  pool: NodePool;
  capacity: Resources;
  reserved: Resources;
  /** Capacity − reserved, never below 0. */
  allocatable: Resources;
}

/** CPU cores (Kubernetes quantity) to millicores. */
export function millicores(value: unknown): number | undefined {
  const cores = parseQuantity(value, "cpu");
  return cores === undefined ? undefined : Math.round(cores * 1000);
}

/** A memory quantity in bytes. */
export function bytes(value: unknown): number | undefined {
  const n = parseQuantity(value);
  return n === undefined ? undefined : Math.round(n);
}

/**
 * Parses a pool's quantities; a `reserved` field left out gets `defaultReserved`. Throws on a
 * quantity the config schema would have rejected (a config that passed `checkConfig` never does).
 */
export function poolCapacity(pool: NodePool): PoolCapacity {
  const cpu = millicores(pool.cpu);
  const memory = bytes(pool.memory);
  if (cpu === undefined || memory === undefined) throw new Error(`node pool "${pool.name}": cpu and memory must be Kubernetes quantities`);
  const capacity = { cpu, memory };
  const fallback = defaultReserved(capacity);
  const reserved = {
    cpu: pool.reserved?.cpu !== undefined ? (millicores(pool.reserved.cpu) ?? fallback.cpu) : fallback.cpu,
    memory: pool.reserved?.memory !== undefined ? (bytes(pool.reserved.memory) ?? fallback.memory) : fallback.memory,
  };
  return {
    pool,
    capacity,
    reserved,
    allocatable: { cpu: Math.max(0, cpu - reserved.cpu), memory: Math.max(0, memory - reserved.memory) },
  };
}
