/**
 * Streaming .xlsx writer used by every export: rows go in batch by batch, the sheet XML is
 * deflated as it is produced (node's zlib runs on the libuv thread pool, off the event loop)
 * and written straight to `out`. Memory stays flat whatever the row count: no row is kept
 * after its batch, strings are inline (no shared-string table), and the zip container is
 * written with data descriptors so nothing has to be known in advance. Measured against
 * exceljs's WorkbookWriter in docs/decisions/0040-streaming-xlsx-writer.md.
 *
 * Formula injection: a text cell that begins with = + - @ (or tab / carriage return) is an
 * inline string with a quotePrefix style, exactly what a spreadsheet stores for text typed
 * as '=…: it is shown as text and never evaluated, also after the user edits the cell.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import zlib from 'node:zlib';

export type XlsxCell = string | number | null | undefined;

export interface XlsxColumn {
  header: string;
  /** width in characters (a CJK character counts about 2) */
  width?: number;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Style ids in styles.xml below. */
const STYLE_TEXT_PREFIXED = 1;
const STYLE_HEADER = 2;

// XML 1.0 forbids most C0 controls, U+FFFE/U+FFFF and unpaired surrogates; a spreadsheet
// refuses the whole file if one slips in, so they are dropped.
const INVALID_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters removed
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(s: string): string {
  return s
    .replace(INVALID_XML, '')
    .replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** Text a spreadsheet would run as a formula (or a DDE payload) if typed in. */
export function looksLikeFormula(s: string): boolean {
  return /^[=+\-@\t\r]/.test(s);
}

/** 0 → A, 25 → Z, 26 → AA … */
export function columnLetter(i: number): string {
  let s = '';
  let n = i + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function cellXml(ref: string, v: XlsxCell, style?: number): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return '';
    return `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${v}</v></c>`;
  }
  const s = String(v);
  const st = style ?? (looksLikeFormula(s) ? STYLE_TEXT_PREFIXED : 0);
  return `<c r="${ref}" t="inlineStr"${st ? ` s="${st}"` : ''}><is><t xml:space="preserve">${escapeXml(s)}</t></is></c>`;
}

/** One row's XML; `r` is 1-based. */
export function rowXml(r: number, cells: readonly XlsxCell[], style?: number): string {
  let xml = `<row r="${r}">`;
  for (let i = 0; i < cells.length; i++) xml += cellXml(`${columnLetter(i)}${r}`, cells[i], style);
  return `${xml}</row>`;
}

// ---------------------------------------------------------------------------------------------
// A minimal streaming zip writer (deflate, data descriptors, UTF-8 names; no zip64 — the writer
// refuses an entry above 4 GiB rather than write a broken file).

interface ZipEntryMeta {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

const U32_MAX = 0xffffffff;

function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

class ZipStreamWriter {
  private offset = 0;
  private readonly entries: ZipEntryMeta[] = [];
  private readonly stamp = dosDateTime(new Date());

  constructor(private readonly out: Writable) {}

  private async push(buf: Buffer): Promise<void> {
    this.offset += buf.length;
    if (!this.out.write(buf)) await once(this.out, 'drain');
  }

  private localHeader(name: Buffer): Buffer {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4); // version needed
    h.writeUInt16LE(0x0808, 6); // bit 3: sizes in data descriptor; bit 11: UTF-8 name
    h.writeUInt16LE(8, 8); // deflate
    h.writeUInt16LE(this.stamp.time, 10);
    h.writeUInt16LE(this.stamp.date, 12);
    // crc and sizes (14..25) stay 0: they follow in the data descriptor
    h.writeUInt16LE(name.length, 26);
    h.writeUInt16LE(0, 28);
    return Buffer.concat([h, name]);
  }

  private async descriptor(meta: ZipEntryMeta): Promise<void> {
    if (meta.size > U32_MAX || meta.compressed > U32_MAX || this.offset > U32_MAX)
      throw new Error('xlsx part above 4 GiB: split the export');
    const d = Buffer.alloc(16);
    d.writeUInt32LE(0x08074b50, 0);
    d.writeUInt32LE(meta.crc >>> 0, 4);
    d.writeUInt32LE(meta.compressed, 8);
    d.writeUInt32LE(meta.size, 12);
    await this.push(d);
    this.entries.push(meta);
  }

  /** A small part written at once. */
  async addFile(name: string, content: string): Promise<void> {
    const data = Buffer.from(content, 'utf8');
    const nameBuf = Buffer.from(name, 'utf8');
    const offset = this.offset;
    await this.push(this.localHeader(nameBuf));
    const deflated = zlib.deflateRawSync(data);
    await this.push(deflated);
    await this.descriptor({
      name: nameBuf,
      crc: zlib.crc32(data),
      compressed: deflated.length,
      size: data.length,
      offset,
    });
  }

  /** A large part written piece by piece; call `write` any number of times, then `end`. */
  async openStream(name: string): Promise<{ write(s: string): Promise<void>; end(): Promise<void> }> {
    const nameBuf = Buffer.from(name, 'utf8');
    const offset = this.offset;
    await this.push(this.localHeader(nameBuf));
    const deflate = zlib.createDeflateRaw({ level: 6, memLevel: 8 });
    let crc = 0;
    let size = 0;
    let compressed = 0;
    let failure: Error | null = null;
    deflate.on('error', (e) => {
      failure = e;
    });
    // deflated bytes go to `out` in order; when `out` is full the deflate stream waits
    const pumped = (async () => {
      for await (const chunk of deflate) {
        compressed += (chunk as Buffer).length;
        await this.push(chunk as Buffer);
      }
    })();
    return {
      write: async (s: string) => {
        if (failure) throw failure;
        const buf = Buffer.from(s, 'utf8');
        crc = zlib.crc32(buf, crc);
        size += buf.length;
        if (!deflate.write(buf)) await once(deflate, 'drain');
      },
      end: async () => {
        deflate.end();
        await pumped;
        if (failure) throw failure;
        await this.descriptor({ name: nameBuf, crc, compressed, size, offset });
      },
    };
  }

  async finish(): Promise<void> {
    const cdStart = this.offset;
    const parts: Buffer[] = [];
    for (const e of this.entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4); // made by
      h.writeUInt16LE(20, 6); // needed
      h.writeUInt16LE(0x0808, 8);
      h.writeUInt16LE(8, 10);
      h.writeUInt16LE(this.stamp.time, 12);
      h.writeUInt16LE(this.stamp.date, 14);
      h.writeUInt32LE(e.crc >>> 0, 16);
      h.writeUInt32LE(e.compressed, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      // extra, comment, disk, internal attrs, external attrs = 0
      h.writeUInt32LE(e.offset, 42);
      parts.push(h, e.name);
    }
    const cd = Buffer.concat(parts);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(cd.length, 12);
    end.writeUInt32LE(cdStart, 16);
    await this.push(cd);
    await this.push(end);
  }
}

// ---------------------------------------------------------------------------------------------

function stylesXml(): string {
  return `${XML_HEAD}<styleSheet xmlns="${NS}"><fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/></font><font><b/><sz val="11"/><name val="等线"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" quotePrefix="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
}

/** Rows one worksheet holds in Excel and WPS (header included). */
export const SHEET_MAX_ROWS = 1_048_576;

const CT_SHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const REL_SHEET = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';

/**
 * Writes one workbook to `out`: `start()`, then `addRows(batch)` as batches come from the
 * cursor, then `finish()` (which does not end `out`; the caller owns it). A list longer than a
 * worksheet holds continues on a next sheet with the same header (“考核进度（2）”…); the
 * workbook's part list is written by `finish()`, when the number of sheets is known (a zip's
 * central directory, not the order of its entries, is what a spreadsheet reads).
 */
export class XlsxStreamWriter {
  private readonly zip: ZipStreamWriter;
  private sheet: { write(s: string): Promise<void>; end(): Promise<void> } | null = null;
  private readonly sheetNames: string[] = [];
  /** the next row number on the current sheet (1 = the header) */
  private next = 1;
  private written = 0;
  private readonly maxRows: number;

  constructor(
    out: Writable,
    private readonly opts: {
      sheetName: string;
      columns: readonly XlsxColumn[];
      /** rows per sheet, header included (tests use a small one) */
      maxRowsPerSheet?: number;
    },
  ) {
    this.zip = new ZipStreamWriter(out);
    this.maxRows = Math.max(2, opts.maxRowsPerSheet ?? SHEET_MAX_ROWS);
  }

  /** rows written so far, without the headers */
  get rowCount(): number {
    return this.written;
  }

  async start(): Promise<void> {
    await this.zip.addFile(
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    );
    await this.zip.addFile('xl/styles.xml', stylesXml());
    await this.openSheet();
  }

  private async openSheet(): Promise<void> {
    const n = this.sheetNames.length + 1;
    // Excel limits sheet names to 31 characters without []:*?/\
    const base = this.opts.sheetName.replace(/[[\]:*?/\\]/g, ' ').trim() || 'Sheet';
    const suffix = n === 1 ? '' : `（${n}）`;
    this.sheetNames.push(base.slice(0, 31 - suffix.length) + suffix);
    this.sheet = await this.zip.openStream(`xl/worksheets/sheet${n}.xml`);
    const cols = this.opts.columns
      .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? 14}" customWidth="1"/>`)
      .join('');
    this.next = 1;
    await this.sheet.write(
      `${XML_HEAD}<worksheet xmlns="${NS}" xmlns:r="${NS_R}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>${cols}</cols><sheetData>`,
    );
    await this.sheet.write(
      rowXml(
        this.next++,
        this.opts.columns.map((c) => c.header),
        STYLE_HEADER,
      ),
    );
  }

  private async closeSheet(): Promise<void> {
    await this.sheet!.write('</sheetData></worksheet>');
    await this.sheet!.end();
    this.sheet = null;
  }

  async addRows(rows: readonly (readonly XlsxCell[])[]): Promise<void> {
    if (!this.sheet) throw new Error('XlsxStreamWriter.start() first');
    let xml = '';
    for (const r of rows) {
      if (this.next > this.maxRows) {
        await this.sheet.write(xml);
        xml = '';
        await this.closeSheet();
        await this.openSheet();
      }
      xml += rowXml(this.next++, r);
      this.written++;
    }
    if (xml) await this.sheet.write(xml);
  }

  async finish(): Promise<void> {
    if (!this.sheet && !this.sheetNames.length) await this.start();
    if (this.sheet) await this.closeSheet();
    const sheets = this.sheetNames.map((name, i) => ({ name: escapeXml(name), n: i + 1 }));
    await this.zip.addFile(
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((x) => `<Override PartName="/xl/worksheets/sheet${x.n}.xml" ContentType="${CT_SHEET}"/>`).join('')}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    );
    await this.zip.addFile(
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${NS}" xmlns:r="${NS_R}"><sheets>${sheets.map((x) => `<sheet name="${x.name}" sheetId="${x.n}" r:id="rId${x.n}"/>`).join('')}</sheets></workbook>`,
    );
    const styles = sheets.length + 1;
    await this.zip.addFile(
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((x) => `<Relationship Id="rId${x.n}" Type="${REL_SHEET}" Target="worksheets/sheet${x.n}.xml"/>`).join('')}<Relationship Id="rId${styles}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    );
    await this.zip.finish();
  }
}
