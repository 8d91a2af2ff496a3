// Minimum-cost maximum flow by the primal-dual method: Dijkstra with node potentials finds the
// length of the shortest augmenting path, then a blocking flow (Dinic) pushes every path of that
// length at once along edges whose reduced cost is zero. With the small integer costs judge
// assignment uses, there are few distinct path lengths, so few phases, each near-linear in the
// number of edges. All edge costs must be non-negative.

const INF = Number.POSITIVE_INFINITY;

export class FlowNetwork {
  private readonly head: number[];
  private readonly to: number[] = [];
  private readonly next: number[] = [];
  private readonly cap: number[] = [];
  private readonly cost: number[] = [];
  private readonly original: number[] = [];

  constructor(readonly size: number) {
    this.head = new Array<number>(size).fill(-1);
  }

  /** Adds u → v and returns the edge's id, for reading its flow afterwards. */
  addEdge(from: number, to: number, capacity: number, cost: number): number {
    if (cost < 0) throw new Error("FlowNetwork: costs must be non-negative");
    if (capacity <= 0) return -1;
    const id = this.to.length;
    this.push(from, to, capacity, cost);
    this.push(to, from, 0, -cost);
    this.original.push(capacity, 0);
    return id;
  }

  private push(from: number, to: number, capacity: number, cost: number) {
    this.to.push(to);
    this.cap.push(capacity);
    this.cost.push(cost);
    this.next.push(this.head[from]!);
    this.head[from] = this.to.length - 1;
  }

  flowOn(edge: number): number {
    return edge < 0 ? 0 : this.original[edge]! - this.cap[edge]!;
  }

  minCostMaxFlow(source: number, sink: number): { flow: number; cost: number } {
    const n = this.size;
    const potential = new Array<number>(n).fill(0);
    let flow = 0;
    let cost = 0;
    for (;;) {
      const dist = this.dijkstra(source, potential);
      if (dist[sink] === INF) break;
      for (let v = 0; v < n; v++) if (dist[v]! < INF) potential[v]! += dist[v]!;
      const pushed = this.blockingFlow(source, sink, potential, dist);
      if (pushed === 0) break;
      flow += pushed;
      cost += pushed * (potential[sink]! - potential[source]!);
    }
    return { flow, cost };
  }

  private reduced(edge: number, from: number, potential: number[]) {
    return this.cost[edge]! + potential[from]! - potential[this.to[edge]!]!;
  }

  private dijkstra(source: number, potential: number[]): number[] {
    const dist = new Array<number>(this.size).fill(INF);
    dist[source] = 0;
    const heap = new MinHeap();
    heap.push(0, source);
    while (heap.size) {
      const [d, u] = heap.pop();
      if (d > dist[u]!) continue;
      for (let e = this.head[u]!; e !== -1; e = this.next[e]!) {
        if (this.cap[e]! <= 0) continue;
        const v = this.to[e]!;
        const nd = d + this.reduced(e, u, potential);
        if (nd < dist[v]!) {
          dist[v] = nd;
          heap.push(nd, v);
        }
      }
    }
    return dist;
  }

  /** Dinic on the zero-reduced-cost residual edges between nodes the last Dijkstra reached. */
  private blockingFlow(source: number, sink: number, potential: number[], dist: number[]): number {
    let total = 0;
    for (;;) {
      const level = new Array<number>(this.size).fill(-1);
      level[source] = 0;
      const queue = [source];
      for (let i = 0; i < queue.length; i++) {
        const u = queue[i]!;
        for (let e = this.head[u]!; e !== -1; e = this.next[e]!) {
          const v = this.to[e]!;
          if (this.cap[e]! > 0 && level[v] === -1 && dist[v]! < INF && this.reduced(e, u, potential) === 0) {
            level[v] = level[u]! + 1;
            queue.push(v);
          }
        }
      }
      if (level[sink] === -1) return total;
      const iter = this.head.slice();
      const dfs = (u: number, limit: number): number => {
        if (u === sink) return limit;
        for (; iter[u] !== -1; iter[u] = this.next[iter[u]!]!) {
          const e = iter[u]!;
          const v = this.to[e]!;
          if (this.cap[e]! <= 0 || level[v] !== level[u]! + 1 || this.reduced(e, u, potential) !== 0) continue;
          const got = dfs(v, Math.min(limit, this.cap[e]!));
          if (got > 0) {
            this.cap[e]! -= got;
            this.cap[e ^ 1]! += got;
            return got;
          }
        }
        return 0;
      };
      for (let got = dfs(source, INF); got > 0; got = dfs(source, INF)) total += got;
    }
  }
}

class MinHeap {
  private readonly keys: number[] = [];
  private readonly values: number[] = [];
  get size() {
    return this.keys.length;
  }
  push(key: number, value: number) {
    const { keys, values } = this;
    let i = keys.length;
    keys.push(key);
    values.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! <= key) break;
      keys[i] = keys[parent]!;
      values[i] = values[parent]!;
      i = parent;
    }
    keys[i] = key;
    values[i] = value;
  }
  pop(): [number, number] {
    const { keys, values } = this;
    const top: [number, number] = [keys[0]!, values[0]!];
    const lastKey = keys.pop()!;
    const lastValue = values.pop()!;
    if (keys.length) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= keys.length) break;
        if (child + 1 < keys.length && keys[child + 1]! < keys[child]!) child++;
        if (keys[child]! >= lastKey) break;
        keys[i] = keys[child]!;
        values[i] = values[child]!;
        i = child;
      }
      keys[i] = lastKey;
      values[i] = lastValue;
    }
    return top;
  }
}
