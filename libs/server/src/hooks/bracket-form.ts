/**
 * A JSON value as `application/x-www-form-urlencoded` with bracket keys, the
 * convention of Rails, PHP and qs: `payload[contact][email]=a%40b.c`, arrays by
 * index (`payload[contact][tags][0]=vip`). null is an empty value; dates their
 * ISO form; empty arrays and objects have no pairs, as in those libraries.
 */
export function toBracketForm(value: Record<string, unknown>): string {
  const pairs: [string, string][] = [];
  const walk = (key: string, item: unknown) => {
    if (item === undefined) return;
    if (item instanceof Date) pairs.push([key, item.toISOString()]);
    else if (Array.isArray(item)) item.forEach((element, index) => walk(`${key}[${index}]`, element));
    else if (item !== null && typeof item === 'object') {
      for (const [name, element] of Object.entries(item)) walk(`${key}[${name}]`, element);
    } else pairs.push([key, item === null ? '' : String(item)]);
  };
  for (const [name, item] of Object.entries(value)) walk(name, item);
  return new URLSearchParams(pairs).toString();
}
