/**
 * The parts of the printed 通报 that belong to the office, not to a round (GB/T 9704-2012): the
 * 发文字号 prefix, 主送, 版记 (抄送, 印发机关), the 公开属性 and the contact line, and where
 * appeals and rectification reports go. Stored with the other settings, printed on every report.
 */
import { z } from 'zod';

const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label}不能超过 ${max} 个字`)
    .refine((v) => !/[\u0000-\u001f<>]/.test(v), `${label}含有不允许的字符`);

export const PUBLICITY_OPTIONS = ['此件公开发布', '此件依申请公开', '此件不公开'] as const;

export const documentSettingsSchema = z.object({
  /** 发文字号 prefix: 「龙街办」 gives 龙街办〔2021〕23号. */
  docPrefix: text('文号前缀', 20).refine((v) => !/[〔〕[\]号]/.test(v), '文号前缀只填机关代字，如“龙街办”，不含年份和序号'),
  /** 主送机关. */
  recipients: text('主送', 100),
  /** 抄送机关, separated by 、 or ，. */
  cc: text('抄送', 200),
  /** 印发机关 (usually the issuer's office). */
  printer: text('印发机关', 40),
  publicity: z.enum(PUBLICITY_OPTIONS, { message: `公开属性应为：${PUBLICITY_OPTIONS.join('、')}` }),
  /** 联系人 and 电话 of the 附注. */
  contact: text('联系人', 20),
  phone: text('联系电话', 30).refine((v) => /^[0-9０-９\-－—（）() 转]*$/.test(v), '联系电话只能含数字、连字符和括号'),
  /** Where appeals of the 公示 and rectification reports are handed in. */
  office: text('受理地点', 60),
});
export type DocumentSettings = z.infer<typeof documentSettingsSchema>;

export const documentSettingsPatchSchema = documentSettingsSchema.partial().strict();
export type DocumentSettingsPatch = z.infer<typeof documentSettingsPatchSchema>;

export const DEFAULT_DOCUMENT_SETTINGS: DocumentSettings = {
  docPrefix: '',
  recipients: '各社区党组织、居民委员会',
  cc: '',
  printer: '',
  publicity: '此件公开发布',
  contact: '',
  phone: '',
  office: '',
};

export const DOCUMENT_SETTING_LABELS: Record<keyof DocumentSettings, string> = {
  docPrefix: '文号前缀',
  recipients: '主送',
  cc: '抄送',
  printer: '印发机关',
  publicity: '公开属性',
  contact: '联系人',
  phone: '联系电话',
  office: '申诉和整改报送地点',
};

/** 发文字号 as printed: 龙街办〔2021〕23号 (六角括号, no leading zeros). */
export function formatDocNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}〔${year}〕${seq}号`;
}
