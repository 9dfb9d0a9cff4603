import { PRIORITIES, type Priority } from '../../../lib/enums';
import { PRIORITY_LABELS } from '../../../lib/labels';
import './PriorityBadge.css';

/** Priority as words, a signal-strength glyph (one bar per step up) and a colour: never colour alone. */
export function PriorityBadge({ priority }: { priority: Priority }) {
  const rank = PRIORITIES.indexOf(priority);
  return (
    <span className={`badge priority priority--${priority}`}>
      <svg className="priority__bars" viewBox="0 0 16 12" width="16" height="12" aria-hidden="true" focusable="false">
        {PRIORITIES.map((step, index) => (
          <rect
            key={step}
            x={index * 4}
            y={9 - index * 3}
            width="3"
            height={3 + index * 3}
            className={index <= rank ? 'priority__bar priority__bar--on' : 'priority__bar'}
          />
        ))}
      </svg>
      <span className="visually-hidden">Priority: </span>
      {PRIORITY_LABELS[priority]}
    </span>
  );
}
