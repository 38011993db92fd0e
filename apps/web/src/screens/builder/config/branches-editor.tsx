interface Branch {
  id: string;
  weight: number;
}

const nextBranchId = (branches: Branch[]) => {
  const taken = new Set(branches.map((branch) => branch.id));
  for (let code = 97; code < 123; code++) {
    const id = String.fromCharCode(code);
    if (!taken.has(id)) return id;
  }
  return `branch-${branches.length + 1}`;
};

/** split.random's branches: each id is an output on the canvas, each weight its share. */
export function BranchesEditor({
  branches,
  onChange,
  issues,
  disabled,
}: {
  branches: Branch[];
  onChange: (branches: Branch[]) => void;
  issues: Record<string, string>;
  disabled?: boolean;
}) {
  const total = branches.reduce((sum, branch) => sum + (Number(branch.weight) || 0), 0);
  const update = (index: number, change: Partial<Branch>) => onChange(branches.map((b, i) => (i === index ? { ...b, ...change } : b)));
  return (
    <div className="rules-editor">
      <div className="branch-row branch-row--head" aria-hidden="true">
        <span>Branch id</span>
        <span>Weight</span>
        <span>Share</span>
        <span />
      </div>
      {branches.map((branch, index) => (
        <div key={index}>
          <div className="branch-row">
            <input
              className="input input--mono"
              aria-label={`Branch ${index + 1} id`}
              value={branch.id}
              disabled={disabled}
              onChange={(event) => update(index, { id: event.target.value })}
            />
            <input
              className="input"
              type="number"
              min={0}
              aria-label={`Branch ${index + 1} weight`}
              value={Number.isFinite(branch.weight) ? branch.weight : ''}
              disabled={disabled}
              onChange={(event) => update(index, { weight: event.target.value === '' ? 0 : Number(event.target.value) })}
            />
            <span className="muted">{total > 0 ? `${Math.round(((Number(branch.weight) || 0) / total) * 100)}%` : '—'}</span>
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove branch ${branch.id}`}
              disabled={disabled || branches.length <= 2}
              onClick={() => onChange(branches.filter((_, i) => i !== index))}
            >
              ×
            </button>
          </div>
          {(issues[`branches[${index}].id`] || issues[`branches[${index}].weight`]) && (
            <p className="field__error">{issues[`branches[${index}].id`] ?? issues[`branches[${index}].weight`]}</p>
          )}
        </div>
      ))}
      {issues['branches'] && <p className="field__error">{issues['branches']}</p>}
      <button
        type="button"
        className="button button--small"
        disabled={disabled || branches.length >= 20}
        onClick={() => onChange([...branches, { id: nextBranchId(branches), weight: 50 }])}
      >
        + Add branch
      </button>
    </div>
  );
}
