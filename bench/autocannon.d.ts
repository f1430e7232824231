// The part of autocannon's API the bench uses (the package ships no types).
declare module "autocannon" {
  type Histogram = { p50: number; p97_5: number; p99: number; average: number };
  type Result = { latency: Histogram; requests: Histogram & { total: number }; errors: number; timeouts: number; non2xx: number };
  export default function autocannon(opts: { url: string; connections?: number; duration?: number; headers?: Record<string, string> }): Promise<Result>;
}
