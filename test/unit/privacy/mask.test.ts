import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maskIdCard, maskPerson, maskPhone } from '../../../shared/domain/privacy/mask';

describe('maskIdCard', () => {
  it('keeps the first and last four characters of an 18-digit number', () => {
    expect(maskIdCard('41110219900101123X')).toBe('4111**********123X');
    expect(maskIdCard('41110219900101123x')).toBe('4111**********123X');
    expect(maskIdCard(' 411102 19900101 1234 ')).toBe('4111**********1234');
  });
  it('masks 15-digit legacy numbers and short junk without revealing most of it', () => {
    expect(maskIdCard('411102900101123')).toBe('4111*******1123');
    expect(maskIdCard('1234')).toBe('***4');
    expect(maskIdCard('')).toBe('');
  });
  it('is idempotent and never keeps more than 8 original characters', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{17}[0-9X]$/), (id) => {
        const once = maskIdCard(id);
        expect(maskIdCard(once)).toBe(once);
        expect(once.replace(/\*/g, '').length).toBe(8);
        expect(once).not.toContain(id.slice(4, 14));
      }),
    );
  });
});

describe('maskPhone', () => {
  it('masks mobiles as 138****5678 and landlines keeping the area code', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+8613812345678')).toBe('+86138****5678');
    expect(maskPhone('0395-5551234')).toBe('0395-***1234');
    expect(maskPhone('03955551234')).toBe('0395***1234');
    expect(maskPhone('')).toBe('');
  });
  it('is idempotent', () => {
    for (const p of ['13812345678', '0395-5551234', '5551234']) expect(maskPhone(maskPhone(p))).toBe(maskPhone(p));
  });
});

describe('maskPerson', () => {
  it('keeps the name and masks what is present', () => {
    expect(maskPerson({ name: '王𠮷', idCard: '41110219900101123X', phone: '13812345678' })).toEqual({
      name: '王𠮷',
      idCard: '4111**********123X',
      phone: '138****5678',
    });
    expect(maskPerson({ name: '李䶮', idCard: null })).toEqual({ name: '李䶮' });
  });
});
