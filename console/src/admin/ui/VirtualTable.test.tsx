import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { VirtualTable, type Column } from './VirtualTable';

interface Row {
  id: string;
  n: number;
}

const rows: Row[] = Array.from({ length: 10_000 }, (_, n) => ({ id: `r${n}`, n }));
const columns: Column<Row>[] = [{ id: 'n', label: 'Number', render: (r) => String(r.n) }];

beforeAll(() => {
  // jsdom has no layout: a viewport of 440 px and no resize events.
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      disconnect() {}
    },
  );
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get: () => 440,
  });
});

afterEach(() => {
  document.body.replaceChildren();
});

function mount(onOpen = (_row: Row) => undefined): HTMLElement {
  const host = document.createElement('div');
  document.body.append(host);
  act(() => {
    render(
      <VirtualTable
        rows={rows}
        columns={columns}
        rowKey={(r) => r.id}
        label="Numbers"
        onOpen={onOpen}
      />,
      host,
    );
  });
  return host;
}

describe('the virtual table', () => {
  it('draws the rows in view, not all ten thousand', () => {
    const host = mount();
    const drawn = host.querySelectorAll('tr.vrow');
    expect(drawn.length).toBeGreaterThan(5);
    expect(drawn.length).toBeLessThan(40);
    expect(host.querySelector('table')?.getAttribute('aria-rowcount')).toBe('10001');
  });

  it('is one tab stop; arrows move and Enter opens', () => {
    const opened: number[] = [];
    const host = mount((row) => void opened.push(row.n));
    const focusable = host.querySelectorAll('tr.vrow[tabindex="0"]');
    expect(focusable).toHaveLength(1);
    const first = focusable[0] as HTMLElement;
    first.focus();
    act(() => {
      first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    });
    const active = document.activeElement as HTMLElement;
    expect(active.dataset.index).toBe('1');
    act(() => {
      active.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    expect(opened).toEqual([1]);
  });
});
