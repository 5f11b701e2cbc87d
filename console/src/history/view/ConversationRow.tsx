import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { ConversationSummary } from '../../api/types';
import { formatUsdShort } from '../../format/cost';
import { DotsIcon } from '../../ui/icons';
import { Menu } from '../../ui/Menu';

export function ConversationRow(props: {
  conversation: ConversationSummary;
  current: boolean;
  onRename: (title: string) => void;
  onDelete: () => void;
  onOpen: () => void;
}): JSX.Element {
  const { conversation } = props;
  const [renaming, setRenaming] = useState(false);
  const title = conversation.title || 'New chat';
  if (renaming) {
    return (
      <li class="conversation-row is-renaming">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            const input = event.currentTarget.elements.namedItem('title') as HTMLInputElement;
            setRenaming(false);
            if (input.value.trim()) props.onRename(input.value.trim());
          }}
        >
          <label class="visually-hidden" for={`rename-${conversation.id}`}>
            New title
          </label>
          <input
            id={`rename-${conversation.id}`}
            name="title"
            class="rename-input"
            defaultValue={conversation.title ?? ''}
            ref={(el) => el?.focus()}
            onBlur={() => setRenaming(false)}
            onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), setRenaming(false))}
          />
        </form>
      </li>
    );
  }
  return (
    <li class={`conversation-row ${props.current ? 'is-current' : ''}`}>
      <a
        href={`#/c/${encodeURIComponent(conversation.id)}`}
        class="conversation-link"
        aria-current={props.current ? 'page' : undefined}
        onClick={props.onOpen}
        onKeyDown={(event) => {
          if (event.key === 'F2') {
            event.preventDefault();
            setRenaming(true);
          }
        }}
      >
        <span class="conversation-title">{title}</span>
        {conversation.cost_usd !== null && conversation.cost_usd > 0 && (
          <span class="conversation-cost">{formatUsdShort(conversation.cost_usd)}</span>
        )}
      </a>
      <span class="row-actions">
        <Menu
          label={`Actions for “${title}”`}
          icon={<DotsIcon />}
          small
          items={[
            { label: 'Rename', onSelect: () => setRenaming(true) },
            { label: 'Delete…', danger: true, onSelect: props.onDelete },
          ]}
        />
      </span>
    </li>
  );
}
