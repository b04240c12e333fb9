import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeHeader, normalizePersonName, normalizeText, stripHeaderQualifiers } from '../../../shared/domain/roster/text-normalize';
import { idCardCheckChar, validateIdCard } from '../../../shared/domain/roster/id-card.validator';
import { parsePhones } from '../../../shared/domain/roster/phone.validator';
import { addMonths, ageAt, excelSerialToIso, parseDateValue } from '../../../shared/domain/roster/date.parser';
import { EDUCATION, ENUMS, ETHNICITY, matchEnum, POLITICAL_STATUS } from '../../../shared/domain/roster/roster-enums';
import { checkGradeInPost, DEFAULT_POST_GRADE_TABLE, parseGradeText, postGradeTableSchema } from '../../../shared/domain/roster/post-grade';
import { parseField, parseNumberText } from '../../../shared/domain/roster/field-parse';
import { columnByKey, mainSheetDef, ROSTER_DEFS, ROSTER_TYPES } from '../../../shared/domain/roster/roster-columns';
import { makeIdCard } from '../../fixtures/roster-data';

const TODAY = '2024-06-30';

describe('text normalisation', () => {
  it('turns full-width characters into half-width and drops invisible characters', () => {
    expect(normalizeText('　４１１１０２\u00a0ＡＢＣ\u200b（注）\u3000')).toBe('411102 ABC(注)');
    expect(normalizeText('a\r\n  b\tc')).toBe('a b c');
  });
  it('removes padding spaces in Chinese names but keeps Latin and the middle dot', () => {
    expect(normalizePersonName('张  三')).toBe('张三');
    expect(normalizePersonName(' 买买提 · 艾力 ')).toBe('买买提·艾力');
    expect(normalizePersonName('John  Smith')).toBe('John Smith');
    expect(normalizePersonName('阿依古丽•吐尔逊')).toBe('阿依古丽·吐尔逊');
  });
  it('normalises headers: spaces, line breaks, full-width brackets, stars and quotes', () => {
    expect(normalizeHeader('身 份 证\n号码*')).toBe('身份证号码');
    expect(normalizeHeader('综合服务设施面积（㎡）')).toBe('综合服务设施面积(m2)');
    expect(normalizeHeader('是否“两委”成员')).toBe('是否两委成员');
    expect(normalizeHeader('【网格编号】：')).toBe('(网格编号)');
    expect(stripHeaderQualifiers(normalizeHeader('出生年月（格式：1990-01）'))).toBe('出生年月');
  });
});

describe('身份证号', () => {
  const valid = makeIdCard('411102', '19900101', 123);
  it('accepts a valid ID and derives sex and birth date', () => {
    const r = validateIdCard(valid, TODAY);
    expect(r).toMatchObject({ ok: true, id: valid, birthDate: '1990-01-01' });
    expect(r.ok && r.sex).toBe(Number(valid.charAt(16)) % 2 === 1 ? '男' : '女');
  });
  it('computes the GB 11643 check character (known sample 11010519491231002X)', () => {
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    expect(validateIdCard('11010519491231002x', TODAY)).toMatchObject({ ok: true, id: '11010519491231002X', sex: '女' });
  });
  it('normalises full-width digits and spaces', () => {
    const fullWidth = valid.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    expect(validateIdCard(` ${fullWidth.slice(0, 6)} ${fullWidth.slice(6)} `, TODAY)).toMatchObject({ ok: true, id: valid });
  });
  it('rejects an ID stored in a numeric cell and explains how to fix it', () => {
    const r = validateIdCard(411102199001011200, TODAY);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe('numeric-cell');
    expect(!r.ok && r.message).toContain('设为文本后重新录入');
    expect(validateIdCard('4.11102E+17', TODAY)).toMatchObject({ ok: false, reason: 'scientific-notation' });
  });
  it('rejects wrong check digits, impossible and future birth dates, unknown regions, wrong lengths', () => {
    const wrong = valid.slice(0, 17) + (valid.endsWith('0') ? '1' : '0');
    expect(validateIdCard(wrong, TODAY)).toMatchObject({ ok: false, reason: 'check-digit' });
    expect(validateIdCard(makeIdCard('411102', '19900230', 1), TODAY)).toMatchObject({ ok: false, reason: 'birth-date' });
    expect(validateIdCard(makeIdCard('411102', '20250101', 1), TODAY)).toMatchObject({ ok: false, reason: 'future-birth' });
    expect(validateIdCard(makeIdCard('991102', '19900101', 1), TODAY)).toMatchObject({ ok: false, reason: 'region' });
    expect(validateIdCard('41110219900101', TODAY)).toMatchObject({ ok: false, reason: 'length' });
    expect(validateIdCard('4111021990010112A3', TODAY)).toMatchObject({ ok: false, reason: 'characters' });
  });
  it('points at lost digits when an ID ends in 000 and fails the check', () => {
    const lost = valid.slice(0, 15) + '000';
    const r = validateIdCard(lost, TODAY);
    if (lost.charAt(17) !== idCardCheckChar(lost.slice(0, 17))) expect(!r.ok && r.message).toContain('文本');
  });
  it('property: every generated ID validates, and changing any one digit breaks it', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2010-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (date, seq, pos, delta) => {
          const birth = date.toISOString().slice(0, 10).replace(/-/g, '');
          const id = makeIdCard('411102', birth, seq);
          expect(validateIdCard(id, TODAY).ok).toBe(true);
          const digit = (Number(id.charAt(pos)) + delta) % 10;
          const changed = id.slice(0, pos) + digit + id.slice(pos + 1);
          expect(validateIdCard(changed, TODAY).ok).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('phones', () => {
  it('accepts mobiles and landlines, normalising separators', () => {
    expect(parsePhones('138 1234 5678')).toMatchObject({ ok: true, text: '13812345678' });
    expect(parsePhones('+86 13812345678')).toMatchObject({ ok: true, text: '13812345678' });
    expect(parsePhones('(0395)3123456')).toMatchObject({ ok: true, text: '0395-3123456' });
    expect(parsePhones('03953123456')).toMatchObject({ ok: true, text: '0395-3123456' });
    expect(parsePhones('13812345678、0395-3123456')).toMatchObject({ ok: true, text: '13812345678、0395-3123456' });
    expect(parsePhones('手机：13812345678；固话：0395-3123456')).toMatchObject({ ok: true, text: '13812345678、0395-3123456' });
    expect(parsePhones(13812345678)).toMatchObject({ ok: true, text: '13812345678' });
  });
  it('rejects bad numbers with a message, and landlines where a mobile is required', () => {
    expect(parsePhones('1381234567')).toMatchObject({ ok: false });
    expect(parsePhones('12812345678')).toMatchObject({ ok: false });
    expect(parsePhones('3123456')).toMatchObject({ ok: false });
    const r = parsePhones('3123456');
    expect(!r.ok && r.message).toContain('区号');
    expect(parsePhones('0395-3123456', ['mobile'])).toMatchObject({ ok: false });
  });
});

describe('dates', () => {
  const cases: [string | number | Date, string][] = [
    [new Date(Date.UTC(1990, 0, 1)), '1990-01-01'],
    [32874, '1990-01-01'],
    [19900101, '1990-01-01'],
    [199001, '1990-01'],
    [1990.05, '1990-05'],
    [1990.12, '1990-12'],
    ['1990.01', '1990-01'],
    ['1990.1', '1990-01'],
    ['1990.10', '1990-10'],
    ['1990年1月', '1990-01'],
    ['1990年1月1日', '1990-01-01'],
    ['1990年01月01号', '1990-01-01'],
    ['1990-1-1', '1990-01-01'],
    ['1990/01/01', '1990-01-01'],
    ['1990/01', '1990-01'],
    ['1990.1.1', '1990-01-01'],
    ['19900101', '1990-01-01'],
    ['199001', '1990-01'],
    ['１９９０－０１－０１', '1990-01-01'],
    ['1990-01-01 00:00:00', '1990-01-01'],
    ['1990-01-01T08:00:00Z', '1990-01-01'],
  ];
  it.each(cases)('parses %s', (input, iso) => {
    expect(parseDateValue(input)).toMatchObject({ ok: true, iso });
  });
  it('rejects impossible dates, ambiguous numeric 1990.1 and day-first/month-first forms', () => {
    expect(parseDateValue('1990-02-30')).toMatchObject({ ok: false });
    expect(parseDateValue('1990年13月')).toMatchObject({ ok: false });
    expect(parseDateValue(1990.1)).toMatchObject({ ok: false });
    expect(parseDateValue('01/02/1990')).toMatchObject({ ok: false });
    expect(parseDateValue('去年')).toMatchObject({ ok: false });
  });
  it('handles the 1904 date system and the 1900 leap-year bug', () => {
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(31412, true)).toBe('1990-01-01');
    expect(parseDateValue(31412, { date1904: true })).toMatchObject({ ok: true, iso: '1990-01-01' });
  });
  it('computes ages and month arithmetic', () => {
    expect(ageAt('1989-07-01', '2024-06-30')).toBe(34);
    expect(ageAt('1989-06-30', '2024-06-30')).toBe(35);
    expect(ageAt('1989-07', '2024-06-30')).toBe(34);
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2024-06-30', -6)).toBe('2023-12-30');
  });
});

describe('enumerations', () => {
  it('has the 13 values of GB/T 4762 and maps common synonyms', () => {
    expect(POLITICAL_STATUS.values).toHaveLength(13);
    expect(matchEnum(POLITICAL_STATUS, '党员')).toBe('中共党员');
    expect(matchEnum(POLITICAL_STATUS, ' 预备 党员 ')).toBe('中共预备党员');
    expect(matchEnum(POLITICAL_STATUS, '团员')).toBe('共青团员');
    expect(matchEnum(POLITICAL_STATUS, '九三学社')).toBe('九三学社社员');
    expect(matchEnum(POLITICAL_STATUS, '党外人士')).toBeNull();
  });
  it('maps education and ethnicity synonyms; 56 ethnic groups', () => {
    expect(matchEnum(EDUCATION, '专科')).toBe('大学专科');
    expect(matchEnum(EDUCATION, '大专')).toBe('大学专科');
    expect(matchEnum(EDUCATION, '本科')).toBe('大学本科');
    expect(matchEnum(EDUCATION, '硕士研究生')).toBe('研究生');
    expect(ETHNICITY.values).toHaveLength(56);
    expect(matchEnum(ETHNICITY, '汉')).toBe('汉族');
    expect(matchEnum(ETHNICITY, '维吾尔族')).toBe('维吾尔族');
    expect(matchEnum(ETHNICITY, '火星族')).toBeNull();
  });
  it('never maps one synonym to two values of the same enumeration', () => {
    for (const def of Object.values(ENUMS)) {
      const seen = new Map<string, string>();
      for (const v of def.values) {
        for (const s of [v.value, ...v.synonyms]) {
          const key = s.replace(/\s/g, '').toLowerCase();
          const prev = seen.get(key);
          if (prev !== undefined) expect(`${def.id}:${s}->${prev}`).toBe(`${def.id}:${s}->${v.value}`);
          seen.set(key, v.value);
        }
      }
    }
  });
});

describe('四岗十八级', () => {
  it('checks grades within the post range of the default table', () => {
    expect(checkGradeInPost(DEFAULT_POST_GRADE_TABLE, '正职', 7).ok).toBe(true);
    expect(checkGradeInPost(DEFAULT_POST_GRADE_TABLE, '正职', 6)).toMatchObject({ ok: false, reason: 'out-of-range' });
    expect(checkGradeInPost(DEFAULT_POST_GRADE_TABLE, '工作人员', 13)).toMatchObject({ ok: false });
    expect(checkGradeInPost(DEFAULT_POST_GRADE_TABLE, '其他', 3)).toMatchObject({ ok: false, reason: 'unknown-post' });
  });
  it('accepts an edited table (三岗十八级) and rejects inconsistent tables', () => {
    const three = {
      name: '三岗十八级',
      maxGrade: 18,
      posts: [
        { post: '正职', min: 7, max: 18, holders: '' },
        { post: '副职', min: 4, max: 15, holders: '' },
        { post: '其他工作人员', min: 1, max: 12, holders: '' },
      ],
    };
    expect(postGradeTableSchema.safeParse(three).success).toBe(true);
    expect(checkGradeInPost(three, '副职', 4).ok).toBe(true);
    expect(postGradeTableSchema.safeParse({ ...three, posts: [{ post: '正职', min: 9, max: 3, holders: '' }] }).success).toBe(false);
    expect(postGradeTableSchema.safeParse({ ...three, posts: [{ post: '正职', min: 1, max: 30, holders: '' }] }).success).toBe(false);
  });
  it('parses typed grades', () => {
    expect(parseGradeText('12')).toBe(12);
    expect(parseGradeText('12级')).toBe(12);
    expect(parseGradeText('十二级')).toBe(12);
    expect(parseGradeText('第七级')).toBe(7);
    expect(parseGradeText('十')).toBe(10);
    expect(parseGradeText('高级')).toBeNull();
  });
});

describe('cell parsing per column type', () => {
  const workers = mainSheetDef('workers');
  const col = (key: string) => {
    const c = columnByKey(workers, key);
    if (!c) throw new Error(key);
    return c;
  };
  const opts = { today: TODAY, date1904: false };
  it('parses numbers with units and thousands separators', () => {
    expect(parseNumberText('1,234')).toBe(1234);
    expect(parseNumberText('300户')).toBe(300);
    expect(parseNumberText('约300')).toBeNull();
  });
  it('rejects formula errors and formulas without results with advice', () => {
    const r = parseField(col('name'), { kind: 'invalid', text: '#REF!' }, opts);
    expect(r).toMatchObject({ ok: false });
    expect(!r.ok && r.message).toContain('#REF!');
    expect(parseField(col('name'), { kind: 'invalid', text: '=A1' }, opts)).toMatchObject({ ok: false });
  });
  it('rejects an ID typed as a number and a name that is a number', () => {
    expect(parseField(col('idNumber'), 411102199001011200, opts)).toMatchObject({ ok: false });
    expect(parseField(col('name'), 12345, opts)).toMatchObject({ ok: false });
  });
  it('warns that a landline typed as a number lost its leading 0', () => {
    const comm = columnByKey(mainSheetDef('communities'), 'phone');
    if (!comm) throw new Error('phone');
    const r = parseField(comm, 3953123456, opts);
    expect(!r.ok && r.message).toContain('0 可能');
  });
  it('reports enum values with the allowed list', () => {
    const r = parseField(col('political'), '党外', opts);
    expect(!r.ok && r.message).toContain('中共党员、中共预备党员');
    expect(parseField(col('isCommittee'), '√', opts)).toMatchObject({ ok: true, value: true });
    expect(parseField(col('contractPeriod'), '2020.01-2023.01', opts)).toMatchObject({ ok: true, value: ['2020-01', '2023-01'] });
    expect(parseField(col('contractPeriod'), '2020-01-01至2023-12-31', opts)).toMatchObject({
      ok: true,
      value: ['2020-01-01', '2023-12-31'],
    });
  });
});

describe('roster column definitions', () => {
  it('have unique keys and unambiguous headers within each sheet', () => {
    for (const type of ROSTER_TYPES) {
      for (const sheet of ROSTER_DEFS[type].sheets) {
        const keys = sheet.columns.map((c) => c.key);
        expect(new Set(keys).size).toBe(keys.length);
        const headers = new Map<string, string>();
        for (const c of sheet.columns) {
          for (const h of [c.label, ...c.synonyms]) {
            const n = normalizeHeader(h);
            const prev = headers.get(n);
            if (prev !== undefined && prev !== c.key)
              expect(`${type}/${sheet.key}: ${h} -> ${prev}`).toBe(`${type}/${sheet.key}: ${h} -> ${c.key}`);
            headers.set(n, c.key);
          }
          if (c.type === 'enum') expect(c.enumId, `${type}.${c.key}`).toBeDefined();
        }
        expect(sheet.columns.some((c) => c.required)).toBe(true);
      }
    }
  });
});
