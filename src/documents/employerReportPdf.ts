import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { EmployerReportContent } from '../cards/report';

/**
 * The report's typeface: DejaVu Sans, shipped by the `dejavu-fonts-ttf` package and embedded (subset)
 * in every PDF. PDF's standard 14 fonts only know WinAnsi, which garbles names such as Łukasz Wróbel,
 * Zoë Ağaoğlu or Nguyễn; DejaVu Sans covers Latin Extended and Vietnamese. Read from disk once.
 */
const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;
let fonts: { regular: Buffer; bold: Buffer } | undefined;
function reportFonts(): { regular: Buffer; bold: Buffer } {
  fonts ??= {
    regular: readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${FONT_FILES.regular}`)),
    bold: readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${FONT_FILES.bold}`)),
  };
  return fonts;
}
const REGULAR = 'Report';
const BOLD = 'Report-Bold';

/**
 * The employer report as an A4 PDF, with the same content as the card (both are built from
 * `employerReportContent`), in an embedded Unicode font; the document is built in memory and
 * returned as one buffer.
 */
export async function employerReportPdf(content: EmployerReportContent, createdAt: Date): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    // Kept so that each page can be footed with "page n of N" once the count is known.
    bufferPages: true,
    // The reference only: document properties are shown by viewers and search tools without opening the file.
    info: {
      Title: `Return-to-work report ${content.ref}`,
      Author: 'Cardiac rehabilitation return-to-work service',
      CreationDate: createdAt,
      ModDate: createdAt,
    },
  });
  const { regular, bold } = reportFonts();
  doc.registerFont(REGULAR, regular);
  doc.registerFont(BOLD, bold);
  doc.font(REGULAR);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const heading = (text: string) => {
    doc.moveDown(0.8).font(BOLD).fontSize(12).fillColor('#005eb8').text(text, left, doc.y, { width });
    doc.moveDown(0.3).fillColor('black');
  };
  const facts = (list: { title: string; value: string }[]) => {
    for (const f of list) {
      // A fact (a difficulty and its goal can run to several lines) is kept whole on one page.
      const titleHeight = doc.font(BOLD).fontSize(10).heightOfString(f.title, { width: 170 });
      const valueHeight = doc
        .font(REGULAR)
        .fontSize(10)
        .heightOfString(f.value, { width: width - 180 });
      ensureRoom(Math.max(titleHeight, valueHeight, 12) + 4);
      const y = doc.y;
      doc.font(BOLD).fontSize(10).text(f.title, left, y, { width: 170 });
      const afterTitle = doc.y;
      doc
        .font(REGULAR)
        .fontSize(10)
        .text(f.value, left + 180, y, { width: width - 180 });
      doc.y = Math.max(doc.y, afterTitle) + 2;
    }
  };
  const ensureRoom = (h: number): boolean => {
    if (doc.y + h <= doc.page.height - doc.page.margins.bottom) return false;
    doc.addPage();
    return true;
  };

  doc.font(BOLD).fontSize(18).fillColor('black').text('Return-to-work report', left, doc.y, { width });
  doc.font(REGULAR).fontSize(9).fillColor('#425563').text(content.subtitle, { width });
  doc.fillColor('black').moveDown(0.5);
  facts(content.patientFacts);

  heading('Assessment');
  doc.font(REGULAR).fontSize(10).text(content.assessment, left, doc.y, { width });
  if (content.condition) doc.text(content.condition, { width });
  doc.moveDown(0.4).font(BOLD).text('Fitness for work');
  doc.font(BOLD).text(content.fitness, { width });

  heading('Recommendations');
  facts(content.recommendations);
  doc.moveDown(0.4).font(BOLD).fontSize(10).text('Functional effects of the condition', left, doc.y, { width });
  doc.font(REGULAR).text(content.effects, { width });
  if (content.difficulties.length > 0) {
    doc.moveDown(0.4).font(BOLD).text('Difficulties, with a recommendation or goal for each', left, doc.y, { width });
    doc.moveDown(0.2);
    facts(content.difficulties);
  }

  if (content.schedule.length > 0) {
    heading('Phased return, week by week');
    const cols = [
      { title: 'Week commencing', key: 'week', w: 100 },
      { title: 'Phase', key: 'phase', w: 70 },
      { title: 'Hours', key: 'hours', w: 50 },
      { title: 'Days', key: 'days', w: 75 },
      { title: 'Duties', key: 'duties', w: width - 295 },
    ] as const;
    const row = (cells: string[], bold: boolean) => {
      doc.font(bold ? BOLD : REGULAR).fontSize(9);
      const h = Math.max(...cells.map((t, i) => doc.heightOfString(t, { width: cols[i].w - 6 }))) + 4;
      // A table that runs onto a new page repeats its header there.
      if (ensureRoom(h) && !bold) {
        row(
          cols.map((c) => c.title),
          true,
        );
        doc.font(REGULAR).fontSize(9);
      }
      const y = doc.y;
      let x = left;
      cells.forEach((t, i) => {
        doc.text(t, x + 3, y + 2, { width: cols[i].w - 6 });
        x += cols[i].w;
      });
      doc
        .moveTo(left, y + h)
        .lineTo(left + width, y + h)
        .lineWidth(0.5)
        .strokeColor('#aeb7bd')
        .stroke();
      doc.y = y + h;
    };
    row(
      cols.map((c) => c.title),
      true,
    );
    for (const week of content.schedule)
      row(
        cols.map((c) => String(week[c.key] ?? '')),
        false,
      );
    doc.x = left;
  }

  heading('Adjustments');
  doc.font(REGULAR).fontSize(10).text(content.adjustments, left, doc.y, { width });
  doc.moveDown(0.8);
  facts(content.closingFacts);
  doc.moveDown(0.8).font(REGULAR).fontSize(8).fillColor('#425563').text(content.footer, left, doc.y, { width });
  const pages = doc.bufferedPageRange();
  for (let i = pages.start; i < pages.start + pages.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Writing inside the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    doc
      .font(REGULAR)
      .fontSize(8)
      .fillColor('#425563')
      .text(
        `${content.ref} · Return-to-work report · page ${i - pages.start + 1} of ${pages.count}`,
        left,
        doc.page.height - 35,
        { width, align: 'center', lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
