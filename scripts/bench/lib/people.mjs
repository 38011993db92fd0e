/**
 * The benchmark's contacts, the same for whoever needs them: the CSV import,
 * a baseline that renders their webhook bodies itself, and the receiver that
 * checks what arrived. Contact i of a run is `${prefix}${i}@example.test`.
 * Some names carry characters that form encoding must escape (space, &, +, =,
 * ', non-ASCII) so that a body rendered wrongly shows; none carries a comma,
 * quote or line break, and none has spaces at either end (the import trims).
 */
export function person(prefix, i) {
  return {
    email: `${prefix}${i}@example.test`,
    firstName: i % 10 === 3 ? `Zoë ${i}` : `First${i}`,
    lastName: i % 4 === 1 ? `O'Neil & Sons+${i}=` : `Last ${i}`,
  };
}

/** The index of a benchmark contact's email, or null when it is not one of `prefix`'s. */
export function indexOf(prefix, email) {
  const match = /^(.*?)(\d+)@example\.test$/.exec(email);
  if (!match || match[1] !== prefix || String(Number(match[2])) !== match[2]) return null;
  return Number(match[2]);
}
