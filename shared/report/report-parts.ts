/**
 * Building blocks shared by the quarterly and the annual report: masthead, body paragraphs, key
 * figures, the grade distribution chart, the issuer/date block with room for the seal, the
 * signature block, and the verification (finalized) or draft notice.
 */
import type { Content } from 'pdfmake/interfaces';
import { maskIdCard, maskPhone } from '../domain/privacy/mask';
import { type Finalization, type Grade, type ReportPerson, type ReportUnit, type Signature } from './report-data';
import { chineseDate, groupHash, shortDateTime } from './report-format';
import { A4, GREY_TEXT, GRID_LAYOUT, INK, PORTRAIT_MARGINS, RULE, S, barCanvas } from './report-style';

export const PORTRAIT_WIDTH = A4.width - PORTRAIT_MARGINS[0] - PORTRAIT_MARGINS[2];

/** A person as printed: the name, then masked ID number / phone if the data carried them. */
export function personLabel(person: ReportPerson | null | undefined): string {
  if (!person) return '';
  const extras: string[] = [];
  if (person.idCard) extras.push(maskIdCard(person.idCard));
  if (person.phone) extras.push(maskPhone(person.phone));
  return extras.length > 0 ? `${person.name}（${extras.join('，')}）` : person.name;
}

/** Communities in rank order; ties keep the order they came in. */
export function sortByRank<T extends { rank: number }>(list: readonly T[]): T[] {
  return list
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.rank - b.c.rank || a.i - b.i)
    .map((x) => x.c);
}

/** A body paragraph: first line indented two characters, justified, as in official documents. */
export function para(text: string | Content[], extra: Record<string, unknown> = {}): Content {
  return { text, ...S.body, leadingIndent: 22, alignment: 'justify', ...extra } as Content;
}

/** 「甲、乙、丙」, or 「甲、乙、丙等5个社区」 when there are more (`noun`: the units' noun). */
export function joinNames(names: readonly string[], max = 3, noun = '社区'): string {
  if (names.length <= max) return names.join('、');
  return `${names.slice(0, max).join('、')}等${names.length}个${noun}`;
}

/** Issuing office over a double rule (the 版头 of a 通报, without the red). */
export function masthead(unit: ReportUnit): Content[] {
  const out: Content[] = [];
  if (unit.issuer) out.push({ text: unit.issuer, ...S.masthead, margin: [0, 0, 0, 6] });
  out.push({
    canvas: [
      { type: 'line', x1: 0, y1: 0, x2: PORTRAIT_WIDTH, y2: 0, lineWidth: 2.2, lineColor: INK },
      { type: 'line', x1: 0, y1: 3.6, x2: PORTRAIT_WIDTH, y2: 3.6, lineWidth: 0.6, lineColor: INK },
    ],
    margin: [0, 0, 0, 16],
  });
  return out;
}

/** A row of key figures in ruled boxes. */
export function statGrid(figures: readonly { label: string; value: string; unit: string }[]): Content {
  const cell = (f: { label: string; value: string; unit: string }): Content => ({
    stack: [
      {
        text: [
          { text: f.value, ...S.statValue },
          { text: f.unit, fontSize: 9 },
        ],
        alignment: 'center',
      },
      { text: f.label, ...S.statLabel, margin: [0, 2, 0, 0] },
    ],
    margin: [0, 4, 0, 4],
  });
  return {
    id: 'summary-stats',
    table: { widths: figures.map(() => '*'), body: [figures.map(cell)] },
    layout: {
      hLineWidth: () => 0.8,
      vLineWidth: () => 0.4,
      hLineColor: () => RULE,
      vLineColor: () => '#bbbbbb',
    },
    margin: [0, 2, 0, 6],
  };
}

/** Count per grade as vector bars: one row per grade, bar length proportional to the count. */
export function gradeChart(perGrade: Record<Grade, number>, count: number): Content {
  const labelWidth = 48;
  const countWidth = 92;
  const barWidth = PORTRAIT_WIDTH - labelWidth - countWidth - 40;
  // Bands in the order the counts list them (the standard's, best first).
  const max = Math.max(1, ...Object.values(perGrade));
  const rows: Content[][] = Object.entries(perGrade).map(([g, n]) => {
    // Share in tenths of a percent, rounded half up, printed with one decimal.
    const permille = count === 0 ? 0 : Math.floor((n * 2000 + count) / (2 * count));
    return [
      { text: g, fontSize: 10, bold: true, alignment: 'right' },
      barCanvas(barWidth, (barWidth * n) / max, 11),
      { text: `${n} 个（${Math.floor(permille / 10)}.${permille % 10}%）`, fontSize: 9.5 },
    ];
  });
  return {
    id: 'grade-chart',
    table: { widths: [labelWidth, barWidth, countWidth], body: rows },
    layout: { ...GRID_LAYOUT, paddingTop: () => 3, paddingBottom: () => 3, paddingRight: () => 8 },
    margin: [20, 2, 0, 4],
  };
}

/** 署名 and 成文日期, right-aligned with space above for the seal, as on a stamped document. */
export function issuerBlock(unit: ReportUnit, signature: Signature): Content {
  return {
    id: 'issuer-block',
    stack: [
      { text: unit.issuer || unit.street, fontSize: 11, alignment: 'right', margin: [0, 46, 24, 4] },
      { text: chineseDate(signature.date) || '      年    月    日', fontSize: 11, alignment: 'right', margin: [0, 0, 34, 0] },
    ],
  };
}

/**
 * The end of the body kept on one page: 「特此通报。」, any annex list, 署名 and 日期 with room for
 * the seal, and the signature block — a lone signature on an otherwise empty page looks forged.
 */
export function closingBlock(unit: ReportUnit, signature: Signature, between: Content[] = []): Content {
  return {
    id: 'closing',
    unbreakable: true,
    stack: [para('特此通报。', { margin: [0, 6, 0, 0] }), ...between, issuerBlock(unit, signature), signatureBlock(signature)],
  };
}

/** 考评组组长 / 审核人 / 日期, with room to sign by hand. */
export function signatureBlock(signature: Signature): Content {
  const signCell = (label: string, name: string | null): Content => ({
    stack: [
      { text: label, fontSize: 9.5, bold: true },
      { text: name ?? '', fontSize: 11, margin: [0, 10, 0, 0] },
      { text: '（签字）', fontSize: 7.5, color: GREY_TEXT, alignment: 'right', margin: [0, 6, 0, 0] },
    ],
    margin: [4, 4, 4, 2],
  });
  return {
    id: 'signature-block',
    margin: [0, 18, 0, 0],
    table: {
      widths: ['*', '*', '*'],
      heights: [62],
      body: [
        [
          signCell('考评组组长', signature.leader),
          signCell('审核人', signature.reviewer),
          {
            stack: [
              { text: '日期', fontSize: 9.5, bold: true },
              { text: chineseDate(signature.date), fontSize: 11, margin: [0, 10, 0, 0] },
            ],
            margin: [4, 4, 4, 2],
          },
        ],
      ],
    },
    layout: { hLineWidth: () => 0.8, vLineWidth: () => 0.8, hLineColor: () => RULE, vLineColor: () => RULE },
  };
}

/**
 * Finalized: the content hash in groups of eight with its QR code, so a paper copy can be checked
 * against the archive. Draft: a notice that the data may still change.
 */
export function verificationBlock(finalization: Finalization, qrPayload: string, draftNotice: string): Content {
  if (!finalization.finalized || !finalization.contentHash) {
    return {
      id: 'draft-note',
      margin: [0, 14, 0, 0],
      table: {
        widths: ['*'],
        body: [[{ text: draftNotice, fontSize: 9, color: GREY_TEXT, margin: [4, 3, 4, 3] }]],
      },
      layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, hLineColor: () => '#999999', vLineColor: () => '#999999' },
    };
  }
  return {
    id: 'verification',
    unbreakable: true,
    margin: [0, 14, 0, 0],
    table: {
      widths: [76, '*'],
      body: [
        [
          { qr: qrPayload, fit: 72, eccLevel: 'M', margin: [2, 2, 2, 2] },
          {
            stack: [
              { text: '定稿数据校验', fontSize: 9.5, bold: true },
              {
                text: '本文件由已定稿的考评数据生成。可扫描左侧二维码，或在系统“结果与报告→核验”中输入下列校验码，核对纸质件与存档数据是否一致。',
                fontSize: 8.5,
                color: GREY_TEXT,
                margin: [0, 2, 0, 3],
              },
              { text: `内容校验码：${groupHash(finalization.contentHash)}`, fontSize: 8.5, characterSpacing: 0.2 },
              finalization.finalizedAt
                ? {
                    text: `定稿时间：${chineseDate(finalization.finalizedAt)} ${shortDateTime(finalization.finalizedAt).slice(11)}`,
                    fontSize: 8.5,
                    margin: [0, 1, 0, 0],
                  }
                : '',
            ],
            margin: [6, 2, 2, 2],
          },
        ],
      ],
    },
    layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, hLineColor: () => '#777777', vLineColor: () => '#777777' },
  };
}
