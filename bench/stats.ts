export interface BenchResult {
  name: string;
  unit: 'ms';
  median: number;
  samples: number[];
  /** the target for the median, when it names one */
  target?: number;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function report(r: BenchResult): string {
  const verdict =
    r.target === undefined
      ? ''
      : r.median <= r.target
        ? `  ≤ target ${r.target} ${r.unit}: met`
        : `  > target ${r.target} ${r.unit}: MISSED`;
  const min = Math.min(...r.samples);
  const max = Math.max(...r.samples);
  return `${r.name}: median ${r.median.toFixed(1)} ${r.unit} (n=${r.samples.length}, min ${min.toFixed(1)}, max ${max.toFixed(1)})${verdict}`;
}
