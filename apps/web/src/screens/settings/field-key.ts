/**
 * A field key from its label: "Favourite Colour" -> "favouriteColour". Keys are
 * what CSV headers and API payloads use, so they stay ASCII identifiers.
 */
export function fieldKeyFromLabel(label: string): string {
  const words = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  const key = words
    .map((word, index) => (index === 0 ? word.toLowerCase() : word[0]!.toUpperCase() + word.slice(1).toLowerCase()))
    .join('');
  return /^[0-9]/.test(key) ? `field${key}` : key;
}
