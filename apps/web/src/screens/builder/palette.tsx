import { type NodeGroup, nodesInGroup } from '@tideway/graph';
import { NodeIcon } from './nodes/node-icon';

export const NODE_DRAG_TYPE = 'application/x-tideway-node';

const GROUPS: { group: NodeGroup; title: string }[] = [
  { group: 'trigger', title: 'Triggers' },
  { group: 'goal', title: 'Goals' },
  { group: 'filter', title: 'Filters' },
  { group: 'action', title: 'Actions' },
  { group: 'wait', title: 'Waits' },
  { group: 'end', title: 'End' },
];

/** The catalogue, grouped: drag an element onto the canvas, or click / Enter to add it at the centre. */
export function Palette({ onAdd, disabled }: { onAdd: (type: string) => void; disabled: boolean }) {
  return (
    <nav className="palette" aria-label="Elements">
      {GROUPS.map(({ group, title }) => (
        <section key={group} className="palette__group">
          <h2 className="palette__title">{title}</h2>
          <ul className="palette__list">
            {nodesInGroup(group).map((definition) => (
              <li key={definition.type}>
                <button
                  type="button"
                  className={`palette-item palette-item--${group}`}
                  data-testid={`palette-item-${definition.type}`}
                  draggable={!disabled}
                  disabled={disabled}
                  title={definition.description}
                  onDragStart={(event) => {
                    event.dataTransfer.setData(NODE_DRAG_TYPE, definition.type);
                    event.dataTransfer.setData('text/plain', definition.type);
                    event.dataTransfer.effectAllowed = 'move';
                  }}
                  onClick={() => onAdd(definition.type)}
                >
                  <span className="palette-item__icon">
                    <NodeIcon name={definition.icon} />
                  </span>
                  <span className="palette-item__label">{paletteLabel(definition.label)}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}

/** "Goal: tag added" reads "Tag added" under the Goals heading. */
function paletteLabel(label: string): string {
  const short = label.replace(/^Goal: /, '');
  return short.charAt(0).toUpperCase() + short.slice(1);
}
