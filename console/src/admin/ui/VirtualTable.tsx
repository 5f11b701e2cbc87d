// A table that draws only the rows in view, so ten thousand loaded rows cost what thirty do.
// Rows have one fixed height. The rows are one tab stop: arrows, Page Up/Down, Home and End
// move between them, Enter opens one.
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { rowWindow, scrollToShow } from './virtual-window';

export interface Column<T> {
  id: string;
  label: string;
  class?: string;
  render: (row: T) => ComponentChildren;
}

export function VirtualTable<T>(props: {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  label: string;
  rowHeight?: number;
  onOpen?: (row: T, index: number) => void;
  onNearEnd?: () => void;
  rowClass?: (row: T) => string;
  rowLabel?: (row: T) => string;
  selectedKey?: string | null;
  footer?: ComponentChildren;
  class?: string;
}): JSX.Element {
  const rowHeight = props.rowHeight ?? 44;
  const scroller = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLTableSectionElement>(null);
  const top = useRef<HTMLTableRowElement>(null);
  const bottom = useRef<HTMLTableRowElement>(null);
  const [view, setView] = useState({ scrollTop: 0, height: 600 });
  const [active, setActive] = useState(0);
  const focusAfterRender = useRef(false);
  const frame = useRef<number | null>(null);
  const count = props.rows.length;

  const measure = () => {
    const el = scroller.current;
    if (!el) return;
    const headHeight = head.current?.offsetHeight ?? 0;
    setView({ scrollTop: Math.max(0, el.scrollTop - headHeight), height: el.clientHeight });
  };

  useLayoutEffect(() => {
    measure();
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const { start, end } = rowWindow(view.scrollTop, view.height, rowHeight, count);

  useLayoutEffect(() => {
    if (top.current) top.current.style.height = `${start * rowHeight}px`;
    if (bottom.current) bottom.current.style.height = `${(count - end) * rowHeight}px`;
  });

  useEffect(() => {
    if (end >= count - 15 && count > 0) props.onNearEnd?.();
  }, [end, count]);

  useEffect(() => {
    if (active >= count && count > 0) setActive(count - 1);
  }, [count]);

  useEffect(() => {
    if (!focusAfterRender.current) return;
    focusAfterRender.current = false;
    scroller.current
      ?.querySelector<HTMLElement>(`tr[data-index="${active}"]`)
      ?.focus({ preventScroll: true });
  });

  const onScroll = () => {
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      measure();
    });
  };

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(count - 1, index));
    const el = scroller.current;
    if (el) {
      const headHeight = head.current?.offsetHeight ?? 0;
      const target = scrollToShow(next, el.scrollTop, el.clientHeight - headHeight, rowHeight);
      if (target !== null) el.scrollTop = target;
      measure();
    }
    focusAfterRender.current = true;
    setActive(next);
  };

  const onKeyDown = (event: KeyboardEvent, index: number, row: T) => {
    const page = Math.max(1, Math.floor(view.height / rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + page,
      PageUp: index - page,
      Home: 0,
      End: count - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
    } else if ((event.key === 'Enter' || event.key === ' ') && props.onOpen) {
      event.preventDefault();
      props.onOpen(row, index);
    }
  };

  const visible: JSX.Element[] = [];
  for (let i = start; i < end; i++) {
    const row = props.rows[i] as T;
    const key = props.rowKey(row);
    const focusable = i === Math.min(active, count - 1);
    visible.push(
      <tr
        key={key}
        class={`vrow ${props.rowClass?.(row) ?? ''} ${props.selectedKey === key ? 'is-selected' : ''}`}
        data-index={i}
        data-key={key}
        aria-rowindex={i + 2}
        aria-label={props.rowLabel?.(row)}
        tabIndex={focusable ? 0 : -1}
        onClick={() => {
          setActive(i);
          props.onOpen?.(row, i);
        }}
        onKeyDown={(event) => onKeyDown(event, i, row)}
        onFocus={() => i !== active && setActive(i)}
      >
        {props.columns.map((column) => (
          <td key={column.id} class={column.class}>
            {column.render(row)}
          </td>
        ))}
      </tr>,
    );
  }

  return (
    <div
      class={`vtable ${props.class ?? ''}`}
      ref={scroller}
      onScroll={onScroll}
      role="region"
      aria-label={props.label}
    >
      <table class="data-table" aria-rowcount={count + 1}>
        <thead ref={head}>
          <tr aria-rowindex={1}>
            {props.columns.map((column) => (
              <th key={column.id} scope="col" class={column.class}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr class="vspacer" ref={top} aria-hidden="true">
            <td colSpan={props.columns.length} />
          </tr>
          {visible}
          <tr class="vspacer" ref={bottom} aria-hidden="true">
            <td colSpan={props.columns.length} />
          </tr>
        </tbody>
      </table>
      {props.footer}
    </div>
  );
}
