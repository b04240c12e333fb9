/**
 * Fonts for the reports in Node (CLI, tests, main process).
 *
 * Main font: Noto Sans SC, static TrueType Regular and Bold from the `@expo-google-fonts/noto-sans-sc`
 * package (pdfkit embeds only the glyphs used, so a 10 MB file yields a few hundred KB of PDF).
 *
 * Fallback fonts, for rare name characters Noto Sans SC lacks (𠮷 U+20BB7 and most of CJK Ext-B):
 * the existing files of an ordered candidate list — the `REPORT_FALLBACK_FONTS` environment variable,
 * Noto Sans JP when its npm package is installed (same design, covers 𠮷), then fonts the operating
 * system ships (Windows: SimSun-ExtB / MingLiU-ExtB, all of Ext-B; Debian: BabelStone Han, HanaMinB,
 * Noto Sans CJK). Only TrueType/OpenType files: fontkit's subsetter loses WOFF2 outlines (the
 * character extracts as text but prints blank). A character no font has is reported, never lost silently.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { chainResolver, type GlyphFontResolver } from '../../../../../shared/report/glyph-fallback';
import { DOC_FONTS, REPORT_FONT_FAMILY, SERIF_FONT_FAMILY, fallbackChain } from '../../../../../shared/report/report-style';

/** One font file; `postscriptName` picks a face inside a TrueType/OpenType collection (.ttc). */
export interface FontFile {
  file: string;
  postscriptName?: string;
}

/** A family as registered with pdfmake. A family without a real bold uses its regular for bold. */
export interface FontFace {
  family: string;
  normal: FontFile;
  bold: FontFile;
}

export interface ReportFontSet {
  primary: FontFace;
  /** In order of preference. */
  fallbacks: FontFace[];
  /**
   * The official-document faces (仿宋, 黑体, 楷体, 小标宋 and the shipped serif), each a system font
   * when present, else a shipped one. Absent in hand-made sets: then only `primary` is registered
   * and the document families are aliases of it.
   */
  document?: FontFace[];
}

const require = createRequire(import.meta.url);

/** Directory of an installed npm package, or null when it is not installed. */
function packageDir(name: string): string | null {
  try {
    return path.dirname(require.resolve(`${name}/package.json`));
  } catch {
    return null;
  }
}

/** The Noto Sans SC Regular and Bold TTF files of the installed font package. */
export function primaryFontFace(): FontFace {
  const dir = packageDir('@expo-google-fonts/noto-sans-sc');
  if (!dir) throw new Error('缺少字体包 @expo-google-fonts/noto-sans-sc，请重新安装应用');
  return {
    family: REPORT_FONT_FAMILY,
    normal: { file: path.join(dir, '400Regular', 'NotoSansSC_400Regular.ttf') },
    bold: { file: path.join(dir, '700Bold', 'NotoSansSC_700Bold.ttf') },
  };
}

/** Noto Serif SC Regular and Bold: the shipped face behind 仿宋, 楷体 and 小标宋. */
export function serifFontFace(): FontFace {
  const dir = packageDir('@expo-google-fonts/noto-serif-sc');
  if (!dir) throw new Error('缺少字体包 @expo-google-fonts/noto-serif-sc，请重新安装应用');
  return {
    family: SERIF_FONT_FAMILY,
    normal: { file: path.join(dir, '400Regular', 'NotoSerifSC_400Regular.ttf') },
    bold: { file: path.join(dir, '700Bold', 'NotoSerifSC_700Bold.ttf') },
  };
}

/**
 * The faces of an official document: the PC's own 仿宋/黑体/楷体/小标宋 when installed (Windows
 * ships simfang, simhei, simkai; offices install 方正小标宋), else the shipped Noto faces. The
 * families keep the same names either way, so the document's structure never depends on the PC.
 */
export function documentFaces(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): FontFace[] {
  const serif = serifFontFace();
  const sans = primaryFontFace();
  const fontsDir = platform === 'win32' ? path.join(env.WINDIR ?? env.SystemRoot ?? 'C:\\Windows', 'Fonts') : null;
  const system = (...names: string[]): FontFile | null => {
    const candidates = fontsDir ? names.map((n) => path.join(fontsDir, n)) : names.filter((n) => path.isAbsolute(n));
    const found = candidates.find((f) => existsSync(f));
    return found ? { file: found } : null;
  };
  const face = (family: string, own: FontFile | null, fallback: FontFace, heavy = false): FontFace =>
    own ? { family, normal: own, bold: own } : { family, normal: heavy ? fallback.bold : fallback.normal, bold: fallback.bold };
  return [
    face(DOC_FONTS.fangsong, system('simfang.ttf'), serif),
    // 黑体 is a heavy sans: the bold of Noto Sans SC matches it better than the regular.
    face(DOC_FONTS.hei, system('simhei.ttf'), sans, true),
    face(DOC_FONTS.kai, system('simkai.ttf', '/usr/share/fonts/truetype/lxgw/LXGWWenKai-Regular.ttf'), serif),
    face(DOC_FONTS.song, system('FZXBSJW.TTF', 'FZXBSJW--GB1-0.ttf', '方正小标宋简体.ttf'), serif, true),
    serif,
  ];
}

interface FallbackCandidate {
  normal: FontFile;
  bold?: FontFile;
}

/** Candidate fallback fonts for this machine, most preferred first (existence not yet checked). */
export function fallbackCandidates(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): FallbackCandidate[] {
  const list: FallbackCandidate[] = [];
  for (const entry of (env.REPORT_FALLBACK_FONTS ?? '').split(path.delimiter)) {
    const trimmed = entry.trim();
    if (!trimmed) continue;
    // 「file#PostScriptName」 selects a face inside a .ttc collection.
    const [file = '', postscriptName] = trimmed.split('#');
    list.push({ normal: postscriptName ? { file, postscriptName } : { file } });
  }
  // Noto Sans JP has the Ext-B characters of Japanese names (𠮷 among them) in the same design as
  // Noto Sans SC, with a real bold. Used when the package is installed.
  const jp = packageDir('@expo-google-fonts/noto-sans-jp');
  if (jp) {
    list.push({
      normal: { file: path.join(jp, '400Regular', 'NotoSansJP_400Regular.ttf') },
      bold: { file: path.join(jp, '700Bold', 'NotoSansJP_700Bold.ttf') },
    });
  }
  if (platform === 'win32') {
    const fontsDir = path.join(env.WINDIR ?? env.SystemRoot ?? 'C:\\Windows', 'Fonts');
    // Shipped with Chinese Windows: full CJK Ext-B coverage.
    list.push({ normal: { file: path.join(fontsDir, 'simsunb.ttf') } });
    list.push({ normal: { file: path.join(fontsDir, 'mingliub.ttc'), postscriptName: 'MingLiU-ExtB' } });
  } else {
    list.push({ normal: { file: '/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf' } });
    list.push({ normal: { file: '/usr/share/fonts/truetype/hanazono/HanaMinB.ttf' } });
    list.push({
      normal: { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular' },
      bold: { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', postscriptName: 'NotoSansCJKsc-Bold' },
    });
  }
  return list;
}

/** The font set for this machine: Noto Sans SC plus every fallback font that exists here. */
export function resolveReportFonts(
  options: { env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform; maxFallbacks?: number } = {},
): ReportFontSet {
  const fallbacks: FontFace[] = [];
  const max = options.maxFallbacks ?? 3;
  for (const c of fallbackCandidates(options.env, options.platform)) {
    if (fallbacks.length >= max) break;
    if (!existsSync(c.normal.file)) continue;
    const bold = c.bold && existsSync(c.bold.file) ? c.bold : c.normal;
    fallbacks.push({ family: `${REPORT_FONT_FAMILY}Fallback${fallbacks.length + 1}`, normal: c.normal, bold });
  }
  return { primary: primaryFontFace(), fallbacks, document: documentFaces(options.env, options.platform) };
}

let cachedDefault: ReportFontSet | null = null;

/** `resolveReportFonts()` once per process. */
export function defaultReportFonts(): ReportFontSet {
  cachedDefault ??= resolveReportFonts();
  return cachedDefault;
}

const coverageCache = new Map<string, fontkit.Font>();

function openFont(f: FontFile): fontkit.Font {
  const key = `${f.file}#${f.postscriptName ?? ''}`;
  let font = coverageCache.get(key);
  if (!font) {
    const opened = fontkit.openSync(f.file, f.postscriptName);
    if ('fonts' in opened) {
      const first = opened.fonts[0];
      if (!first) throw new Error(`字体文件 ${f.file} 中没有字体`);
      font = first;
    } else {
      font = opened;
    }
    coverageCache.set(key, font);
  }
  return font;
}

/**
 * A glyph resolver backed by fontkit's cmap lookup: null when the run's own font has the character,
 * else the first family of its fallback chain that has it, undefined when none has it. A family
 * that is not registered (a hand-made font set without document faces) is printed with the primary.
 */
export function glyphResolver(fonts: ReportFontSet): GlyphFontResolver {
  const byFamily = new Map<string, fontkit.Font>();
  for (const f of [fonts.primary, ...(fonts.document ?? []), ...fonts.fallbacks]) byFamily.set(f.family, openFont(f.normal));
  const primary = byFamily.get(fonts.primary.family) as fontkit.Font;
  const has = (family: string, cp: number) => (byFamily.get(family) ?? primary).hasGlyphForCodePoint(cp);
  const chains = new Map<string, string[]>();
  return chainResolver(has, (family) => {
    let chain = chains.get(family);
    if (!chain) {
      const rare = fonts.fallbacks.map((f) => f.family);
      chain = byFamily.has(family) ? fallbackChain(family, rare) : rare;
      chains.set(family, chain);
    }
    return chain;
  });
}
