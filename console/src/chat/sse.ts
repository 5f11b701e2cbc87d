// A Server-Sent Events parser fed with raw bytes as they arrive from fetch's ReadableStream.
// Chunks may split anywhere: inside a line, a CRLF pair, or a multi-byte UTF-8 character.

export class SseParser {
  private readonly decoder = new TextDecoder('utf-8');
  private buffer = '';
  private dataLines: string[] = [];
  private sawCarriageReturn = false;

  /** Returns the data of every event completed by this chunk, in order. */
  push(chunk: Uint8Array): string[] {
    return this.consume(this.decoder.decode(chunk, { stream: true }));
  }

  /** Flushes a trailing event that the server ended without a blank line. */
  end(): string[] {
    const events = this.consume(this.decoder.decode());
    if (this.buffer.length > 0) {
      this.processLine(this.buffer, events);
      this.buffer = '';
    }
    this.dispatch(events);
    return events;
  }

  private consume(text: string): string[] {
    const events: string[] = [];
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10 /* \n */) {
        if (this.sawCarriageReturn && i === start && this.buffer.length === 0) {
          // The \n of a \r\n whose \r ended the previous line.
          this.sawCarriageReturn = false;
          start = i + 1;
          continue;
        }
        this.processLine(this.buffer + text.slice(start, i), events);
        this.buffer = '';
        this.sawCarriageReturn = false;
        start = i + 1;
      } else if (ch === 13 /* \r */) {
        this.processLine(this.buffer + text.slice(start, i), events);
        this.buffer = '';
        this.sawCarriageReturn = true;
        start = i + 1;
      } else if (this.sawCarriageReturn) {
        this.sawCarriageReturn = false;
      }
    }
    this.buffer += text.slice(start);
    return events;
  }

  private processLine(line: string, events: string[]): void {
    if (line === '') {
      this.dispatch(events);
      return;
    }
    if (line.startsWith(':')) return; // comment / keep-alive
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.dataLines.push(value);
    // event:, id: and retry: carry nothing the chat stream needs.
  }

  private dispatch(events: string[]): void {
    if (this.dataLines.length === 0) return;
    events.push(this.dataLines.join('\n'));
    this.dataLines = [];
  }
}
