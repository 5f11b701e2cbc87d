import { describe, expect, it } from 'vitest';
import { csvField, parseCsv, toCsv } from './csv';

describe('CSV', () => {
  it('quotes only what needs quoting', () => {
    expect(csvField('gpt-4.1')).toBe('gpt-4.1');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField(null)).toBe('');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(12_345_678_901_234_567n)).toBe('12345678901234567');
  });

  it('never lets a text field run as a spreadsheet formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@me')).toBe("'@me");
    // Numbers stay numbers, negative ones included.
    expect(csvField(-3)).toBe('-3');
  });

  it('writes a header and CRLF lines, and reads them back', () => {
    const text = toCsv(
      ['day', 'model', 'cost_usd'],
      [
        ['2024-03-01', 'gpt-4.1', 1.25],
        ['2024-03-02', 'a "quoted", model', null],
      ],
    );
    expect(text).toBe(
      'day,model,cost_usd\r\n2024-03-01,gpt-4.1,1.25\r\n2024-03-02,"a ""quoted"", model",\r\n',
    );
    expect(parseCsv(text)).toEqual([
      ['day', 'model', 'cost_usd'],
      ['2024-03-01', 'gpt-4.1', '1.25'],
      ['2024-03-02', 'a "quoted", model', ''],
    ]);
    expect(parseCsv('a,b\nc,"d\ne"')).toEqual([
      ['a', 'b'],
      ['c', 'd\ne'],
    ]);
  });
});
