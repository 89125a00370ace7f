/**
 * Labels beside an axis without overlap: each wants to stand at its mark (`wanted`, the top of its
 * block, in order), blocks are `height` tall and stay within [lo, hi]. Overlapping blocks are pushed
 * apart as a cluster placed where its members want to be on average (the least total displacement
 * for a run of equal blocks), clusters merging until none overlaps. Returns each block's top.
 */
export function layoutLabels(wanted: number[], height: number, lo: number, hi: number): number[] {
  const clusters: { first: number; count: number; top: number }[] = [];
  const place = (first: number, count: number) => {
    let s = 0;
    for (let k = 0; k < count; k++) s += wanted[first + k]! - k * height;
    return { first, count, top: Math.max(lo, Math.min(s / count, hi - count * height)) };
  };
  wanted.forEach((_, i) => {
    clusters.push(place(i, 1));
    while (clusters.length > 1) {
      const cur = clusters[clusters.length - 1]!;
      const prev = clusters[clusters.length - 2]!;
      if (prev.top + prev.count * height <= cur.top + 1e-6) break;
      clusters.splice(-2, 2, place(prev.first, prev.count + cur.count));
    }
  });
  const tops: number[] = [];
  for (const c of clusters) for (let k = 0; k < c.count; k++) tops.push(c.top + k * height);
  return tops;
}
