/** "vip, newsletter ;vip" -> ["vip", "newsletter"]: commas or semicolons, trimmed, without repeats. */
export function parseTagList(text: string): string[] {
  const tags: string[] = [];
  for (const part of text.split(/[,;]/)) {
    const tag = part.trim();
    if (tag && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}
