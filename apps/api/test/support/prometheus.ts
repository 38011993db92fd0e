import type { PrometheusFamily, PrometheusSample } from 'parse-prometheus-text-format';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import type { HttpClient } from './http-client';

/** One scrape of GET /metrics, read with a Prometheus text-format parser (not with the code under test). */
export class Scrape {
  private readonly families: Map<string, PrometheusFamily>;

  constructor(readonly text: string) {
    this.families = new Map(parsePrometheusTextFormat(text).map((family) => [family.name, family]));
  }

  family(name: string): PrometheusFamily | undefined {
    return this.families.get(name);
  }

  names(): string[] {
    return [...this.families.keys()];
  }

  /** The sample of `name` whose labels are exactly `labels`. */
  sample(name: string, labels: Record<string, string> = {}): PrometheusSample | undefined {
    return this.family(name)?.metrics.find((sample) => sameLabels(sample.labels ?? {}, labels));
  }

  /** A counter's or gauge's value; 0 for a counter sample that does not exist yet. */
  value(name: string, labels: Record<string, string> = {}): number {
    const value = this.sample(name, labels)?.value;
    return value === undefined ? 0 : Number(value);
  }
}

export async function scrape(
  client: HttpClient,
  headers: Record<string, string> = {},
): Promise<Scrape> {
  const res = await client.get('/metrics', { headers });
  if (res.status !== 200) throw new Error(`GET /metrics answered ${res.status}: ${res.text}`);
  return new Scrape(res.text);
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
