// Keeps a container's DOM equal to a growing Markdown document while touching only the
// blocks that changed (during streaming, nearly always just the last one). Each top-level
// block lives in its own `display: contents` wrapper, so replacing one is one DOM operation.
import { splitBlocks } from './render';
import { sanitizeToFragment } from './sanitize';

interface MountedBlock {
  key: string;
  element: HTMLElement;
  enhanced: boolean;
}

export class IncrementalMarkdownView {
  private blocks: MountedBlock[] = [];
  private lastSource: string | null = null;

  constructor(
    private readonly container: HTMLElement,
    private readonly enhance: (root: ParentNode) => void,
  ) {}

  /** Returns how many blocks were (re)rendered, for tests and tuning. */
  update(source: string, final: boolean): number {
    if (source === this.lastSource && !final) return 0;
    this.lastSource = source;
    const next = splitBlocks(source);
    let same = 0;
    while (
      same < this.blocks.length &&
      same < next.length &&
      this.blocks[same]?.key === next[same]?.key
    ) {
      same++;
    }
    for (const stale of this.blocks.splice(same)) stale.element.remove();
    const document = this.container.ownerDocument;
    for (const block of next.slice(same)) {
      const element = document.createElement('div');
      element.className = 'md-block';
      element.append(sanitizeToFragment(block.html()));
      this.container.append(element);
      this.blocks.push({ key: block.key, element, enhanced: false });
    }
    // The last block may still grow: highlight and typeset it only once it is settled.
    const settled = final ? this.blocks.length : this.blocks.length - 1;
    for (let i = 0; i < settled; i++) {
      const block = this.blocks[i];
      if (!block || block.enhanced) continue;
      block.enhanced = true;
      this.enhance(block.element);
    }
    return next.length - same;
  }

  clear(): void {
    for (const block of this.blocks) block.element.remove();
    this.blocks = [];
    this.lastSource = null;
  }
}
