import { PDFDocument, StandardFonts } from 'pdf-lib';

/** Clause bodies for generated benchmark contracts; varied enough that pages do not repeat verbatim. */
const TOPICS = [
  [
    'Orders',
    'The Buyer may issue purchase orders under this Agreement at any time during the Term. Each order states the Products, quantities, delivery dates and delivery address, and becomes binding when the Supplier confirms it in writing or begins to perform it.',
  ],
  [
    'Prices',
    'Prices are fixed for each contract year and are stated in the price schedule. The Supplier may propose a change of price once a year with ninety days notice, supported by evidence of the change in its costs of raw materials.',
  ],
  [
    'Delivery',
    'The Supplier shall deliver the Products to the delivery address on the dates stated in the confirmed order. Time of delivery is of the essence. Partial deliveries require the prior written consent of the Buyer.',
  ],
  [
    'Inspection',
    'The Buyer shall inspect the Products within fifteen working days after delivery and may reject any Product that does not conform to the Specifications by written notice stating the nonconformity found.',
  ],
  [
    'Warranty',
    'The Supplier warrants that each Product conforms to the Specifications, is free from defects in material and workmanship, and is manufactured in accordance with all applicable laws for a period of twenty-four months.',
  ],
  [
    'Quality',
    'The Supplier shall maintain a quality management system certified to a recognised standard, keep records of production lots for ten years, and allow the Buyer to audit its facilities on reasonable notice.',
  ],
  [
    'Confidentiality',
    'Each party shall keep confidential all information received from the other party and shall use it only to perform this Agreement. This obligation survives termination for five years.',
  ],
  [
    'Liability',
    'Neither party excludes liability for death or personal injury caused by its negligence or for fraud. Subject to that, the total liability of each party in each contract year is limited to the amounts paid in that year.',
  ],
  [
    'Insurance',
    'The Supplier shall maintain product liability insurance with a reputable insurer for not less than five million euros per occurrence and shall provide certificates of insurance on request.',
  ],
  [
    'Intellectual Property',
    'Each party retains its intellectual property. The Supplier grants the Buyer a non-exclusive licence to use any Supplier software embedded in the Products for their intended purpose.',
  ],
] as const;

const FORCE_MAJEURE =
  'Force Majeure. Neither party shall be liable for any failure or delay in performing its obligations to the extent caused by events beyond its reasonable control, including fire, flood, epidemic, war, acts of government and embargoes. The affected party shall notify the other party within five days and shall use reasonable efforts to resume performance. If the event continues for more than sixty days, either party may terminate this Agreement by written notice.';
const EXPORT_CONTROL =
  'Export Control. Each party shall comply with all applicable export control and sanctions laws. The Supplier shall obtain all export licences required for the Products and shall provide their export control classification numbers. The Buyer may suspend or cancel any order if a required licence is refused or revoked.';

/** Numbered contract text of roughly `pages` pages (about 3,000 characters each). */
export function contractText(pages: number): string[] {
  const paragraphs: string[] = [
    'SUPPLY AGREEMENT',
    'This Supply Agreement is made between Halden Metals AB (the "Supplier") and Orvik Drives GmbH (the "Buyer").',
  ];
  let section = 1;
  let characters = 0;
  while (characters < pages * 2_900) {
    const [title, body] = TOPICS[(section - 1) % TOPICS.length]!;
    paragraphs.push(`${section}. ${title.toUpperCase()}`);
    for (let sub = 1; sub <= 3; sub++) {
      const text = `${section}.${sub} ${body} This provision applies to each order placed in contract year ${1 + ((section + sub) % 7)}.`;
      paragraphs.push(text);
      characters += text.length;
    }
    if (section === 12) paragraphs.push(`${section}.4 ${FORCE_MAJEURE}`);
    if (section === 13) paragraphs.push(`${section}.4 ${EXPORT_CONTROL}`);
    section++;
  }
  return paragraphs;
}

function wrap(text: string, width: number, measure: (line: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate) > width && line) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** A real PDF of about `pages` pages with a running header, a footer and page numbers on every page. */
export async function contractPdf(pages: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const fixed = new Date('2026-01-01T00:00:00Z');
  pdf.setCreationDate(fixed);
  pdf.setModificationDate(fixed);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const size = 10;
  const measure = (line: string) => font.widthOfTextAtSize(line, size);
  const lines = contractText(pages).flatMap((paragraph) => [...wrap(paragraph, 480, measure), '']);
  const perPage = 58;
  const total = Math.ceil(lines.length / perPage);
  for (let index = 0; index < total; index++) {
    const page = pdf.addPage([595, 842]);
    page.drawText('Supply Agreement - Halden Metals AB / Orvik Drives GmbH - Confidential', { x: 57, y: 810, size: 8, font });
    lines.slice(index * perPage, (index + 1) * perPage).forEach((line, row) => {
      page.drawText(line, { x: 57, y: 780 - row * 12.5, size, font });
    });
    page.drawText(`Page ${index + 1} of ${total}`, { x: 270, y: 30, size: 8, font });
  }
  return pdf.save({ useObjectStreams: false });
}
