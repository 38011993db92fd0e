export function TagChip({ tag, onRemove, disabled }: { tag: string; onRemove?: () => void; disabled?: boolean }) {
  return (
    <span className="chip">
      <span className="chip__label">{tag}</span>
      {onRemove && (
        <button
          type="button"
          className="chip__remove"
          onClick={onRemove}
          disabled={disabled}
          aria-label={`Remove tag ${tag}`}
          title={`Remove tag ${tag}`}
        >
          <span aria-hidden="true">×</span>
        </button>
      )}
    </span>
  );
}

export function TagList({ tags, max }: { tags: readonly string[]; max?: number }) {
  if (tags.length === 0) return <span className="muted">—</span>;
  const shown = max === undefined ? tags : tags.slice(0, max);
  const hidden = tags.length - shown.length;
  return (
    <span className="chip-list">
      {shown.map((tag) => (
        <TagChip key={tag} tag={tag} />
      ))}
      {hidden > 0 && <span className="chip chip--more" title={tags.slice(shown.length).join(', ')}>+{hidden}</span>}
    </span>
  );
}
